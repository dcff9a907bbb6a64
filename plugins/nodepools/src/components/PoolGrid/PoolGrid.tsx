import { makeStyles } from '@material-ui/core/styles';
import type { NodePool } from '@nodepools/plugin-nodepools-common';
import { usePoolLink } from '../../hooks/usePoolLink';
import { PoolCard } from '../PoolCard';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
    gap: theme.spacing(2),
  },
}));

/**
 * The cards of the pools loaded so far. A plain CSS grid: no per-item
 * wrapper components, so a few hundred cards stay cheap to lay out.
 */
export function PoolGrid({ pools }: { pools: NodePool[] }) {
  const classes = useStyles();
  const poolLink = usePoolLink();
  return (
    <div className={classes.grid} data-testid="pool-grid">
      {pools.map(pool => (
        <PoolCard key={pool.ref} pool={pool} to={poolLink(pool.ref)} />
      ))}
    </div>
  );
}
