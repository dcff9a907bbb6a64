import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import type { PoolListItem } from '@nodepools/plugin-nodepools-common';

const useStyles = makeStyles(theme => ({
  stale: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.warning.contrastText,
  },
}));

const DEFAULT_STALE_REASON =
  'The source of this pool failed its last sync; the values shown may be out of date.';

/** "Stale" (with the source's error) and "Removed" markers of a pool. */
export function PoolBadges({ pool }: { pool: Pick<PoolListItem, 'stale' | 'staleReason' | 'tombstonedAt'> }) {
  const classes = useStyles();
  return (
    <>
      {pool.stale && (
        <Tooltip title={pool.staleReason ?? DEFAULT_STALE_REASON}>
          <Chip
            size="small"
            icon={<WarningIcon />}
            label="Stale"
            className={classes.stale}
            data-testid="stale-badge"
          />
        </Tooltip>
      )}
      {pool.tombstonedAt && (
        <Tooltip title={`No longer listed by its provider since ${pool.tombstonedAt}`}>
          <Chip
            size="small"
            icon={<DeleteIcon />}
            label="Removed"
            data-testid="removed-badge"
          />
        </Tooltip>
      )}
    </>
  );
}
