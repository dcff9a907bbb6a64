import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import PersonOutlineIcon from '@material-ui/icons/PersonOutline';
import type { PoolListItem } from '@nodepools/plugin-nodepools-common';
import { PoolBadges } from '../PoolBadges';

const useStyles = makeStyles(theme => ({
  findings: { display: 'inline-flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  owner: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.warning.contrastText,
  },
}));

/**
 * What needs someone's attention on a pool: data that may be old, a pool
 * that is gone, and an owner that is missing or that the catalog does not
 * know as a group or user.
 */
export function PoolFindings({
  pool,
}: {
  pool: Pick<PoolListItem, 'stale' | 'staleReason' | 'tombstonedAt' | 'owner' | 'ownerStatus' | 'ownerSource'>;
}) {
  const classes = useStyles();
  return (
    <span className={classes.findings}>
      <PoolBadges pool={pool} />
      {pool.ownerStatus === 'unknown' && (
        <Tooltip title={`${pool.owner} (from ${pool.ownerSource ?? 'unknown source'}) is not a group or user of the catalog`}>
          <Chip
            size="small"
            icon={<PersonOutlineIcon />}
            label="Unknown owner"
            className={classes.owner}
            data-testid="unknown-owner-finding"
          />
        </Tooltip>
      )}
      {(pool.ownerStatus === 'none' || (!pool.owner && pool.ownerStatus === undefined)) && (
        <Tooltip title="No tag, label, rule, request or cluster entity names an owner">
          <Chip
            size="small"
            icon={<PersonOutlineIcon />}
            label="No owner"
            className={classes.owner}
            data-testid="no-owner-finding"
          />
        </Tooltip>
      )}
    </span>
  );
}
