import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { DriftDayCount } from '@nodepools/plugin-nodepools-common';

const HEIGHT = 120;

const useStyles = makeStyles(theme => ({
  chart: { display: 'flex', alignItems: 'flex-end', gap: 2, height: HEIGHT, borderBottom: `1px solid ${theme.palette.divider}` },
  day: { flex: 1, display: 'flex', flexDirection: 'column-reverse', minWidth: 4 },
  open: { backgroundColor: theme.palette.warning.main },
  acknowledged: { backgroundColor: theme.palette.grey[400] },
  legend: { display: 'flex', justifyContent: 'space-between', marginTop: theme.spacing(0.5) },
}));

/** Open and acknowledged findings at the end of each day, oldest first, as stacked bars. */
export function DriftOverTime({ days }: { days: DriftDayCount[] }) {
  const classes = useStyles();
  const max = Math.max(1, ...days.map(d => d.open + d.acknowledged));
  const px = (n: number) => Math.round((n / max) * HEIGHT);
  return (
    <div>
      <div className={classes.chart} role="img" aria-label="Drift findings over time" data-testid="drift-over-time">
        {days.map(d => (
          <Tooltip
            key={d.day}
            title={`${d.day}: ${d.open} open, ${d.acknowledged} acknowledged; ${d.opened} new, ${d.resolved} resolved that day`}
          >
            <div className={classes.day} data-day={d.day} data-open={d.open} data-acknowledged={d.acknowledged}>
              <div className={classes.open} style={{ height: px(d.open) }} />
              <div className={classes.acknowledged} style={{ height: px(d.acknowledged) }} />
            </div>
          </Tooltip>
        ))}
      </div>
      {days.length > 0 && (
        <div className={classes.legend}>
          <Typography variant="caption">{days[0].day}</Typography>
          <Typography variant="caption">open (orange) and acknowledged (grey)</Typography>
          <Typography variant="caption">{days[days.length - 1].day}</Typography>
        </div>
      )}
    </div>
  );
}
