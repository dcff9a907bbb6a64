import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { GovernanceSeverity } from '@nodepools/plugin-nodepools-common';
import { SEVERITY_LABEL } from '../DriftBadge';

const useStyles = makeStyles(theme => ({
  high: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  medium: { backgroundColor: theme.palette.warning.main, color: theme.palette.warning.contrastText },
  low: { backgroundColor: theme.palette.info.light, color: theme.palette.info.contrastText },
}));

/** A finding's severity, coloured as drift findings are. */
export function SeverityChip({ severity }: { severity: GovernanceSeverity }) {
  const classes = useStyles();
  return <Chip size="small" label={SEVERITY_LABEL[severity]} className={classes[severity]} data-severity={severity} />;
}
