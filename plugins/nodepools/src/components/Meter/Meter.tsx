import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

export type MeterTone = 'normal' | 'warning' | 'error';

export interface MeterProps {
  /** Accessible name of the meter, e.g. "Node count". */
  label: string;
  /** What the bar says in words; shown above it and read by screen readers. */
  valueText: string;
  /** How much of the bar is filled, 0–100. */
  percent: number;
  /** Where a lower bound sits on the bar, 0–100 (the autoscaler's min). */
  floorPercent?: number;
  tone?: MeterTone;
  /** The numbers behind the bar, for assistive technology. */
  value?: { now: number; min: number; max: number };
}

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 8,
    borderRadius: 4,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
  },
  floor: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    backgroundColor: theme.palette.action.selected,
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    borderRadius: 4,
  },
  normal: { backgroundColor: theme.palette.primary.main },
  warning: { backgroundColor: theme.palette.warning.main },
  error: { backgroundColor: theme.palette.error.main },
}));

function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

/** A thin horizontal bar with its value in words. */
export function Meter(props: MeterProps) {
  const { label, valueText, percent, floorPercent, tone = 'normal', value } = props;
  const classes = useStyles();
  return (
    <div>
      <Typography variant="caption" component="div">
        {valueText}
      </Typography>
      <div
        className={classes.track}
        role="meter"
        aria-label={label}
        aria-valuetext={valueText}
        aria-valuenow={value?.now ?? clampPercent(percent)}
        aria-valuemin={value?.min ?? 0}
        aria-valuemax={value?.max ?? 100}
      >
        {floorPercent !== undefined && floorPercent > 0 && (
          <div
            className={classes.floor}
            style={{ width: `${clampPercent(floorPercent)}%` }}
          />
        )}
        <div
          className={`${classes.fill} ${classes[tone]}`}
          style={{ width: `${clampPercent(percent)}%` }}
        />
      </div>
    </div>
  );
}
