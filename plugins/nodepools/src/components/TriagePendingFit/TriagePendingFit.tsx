import Typography from '@material-ui/core/Typography';
import HourglassIcon from '@material-ui/icons/HourglassEmpty';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';

const useStyles = makeStyles(theme => ({
  line: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
}));

export interface TriagePendingFitProps {
  /** Pending pods that a node added to this pool would take. */
  count: number;
  /** The triage page of the pool's cluster. */
  to?: string;
}

/** "3 pending pods would fit after scale-up", on a pool's card. */
export function TriagePendingFit({ count, to }: TriagePendingFitProps) {
  const classes = useStyles();
  const text = `${count.toLocaleString('en-US')} pending ${count === 1 ? 'pod' : 'pods'} would fit after scale-up`;
  return (
    <Typography
      variant="body2"
      className={classes.line}
      data-testid="pool-pending-fit"
      data-count={count}
    >
      <HourglassIcon fontSize="inherit" aria-hidden />
      {to ? <Link to={to}>{text}</Link> : text}
    </Typography>
  );
}
