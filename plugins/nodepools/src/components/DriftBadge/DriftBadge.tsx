import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import type { DriftSeverity } from '@nodepools/plugin-nodepools-common';
import { usePoolDriftCount } from '../DriftCounts';
import { SEVERITY_LABEL } from './severity';

const useStyles = makeStyles(theme => ({
  high: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  medium: { backgroundColor: theme.palette.warning.main, color: theme.palette.warning.contrastText },
  low: { backgroundColor: theme.palette.info.light, color: theme.palette.info.contrastText },
}));

/** A pool's open drift findings: how many, colored by the worst. Nothing without open findings. */
export function DriftBadge({ poolRef }: { poolRef: string }) {
  const classes = useStyles();
  const count = usePoolDriftCount(poolRef);
  if (!count?.open) return null;
  const severity: DriftSeverity = count.worstSeverity ?? 'low';
  const acknowledged = count.acknowledged ? `; ${count.acknowledged} acknowledged` : '';
  return (
    <Tooltip title={`${count.open} open drift finding${count.open === 1 ? '' : 's'}, worst ${SEVERITY_LABEL[severity].toLowerCase()}${acknowledged}`}>
      <Chip
        size="small"
        icon={<CompareArrowsIcon />}
        label={`${count.open} drift`}
        className={classes[severity]}
        data-testid="pool-drift-badge"
        data-severity={severity}
      />
    </Tooltip>
  );
}
