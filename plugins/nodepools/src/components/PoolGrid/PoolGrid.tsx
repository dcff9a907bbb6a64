import { makeStyles } from '@material-ui/core/styles';
import type { PoolListItem } from '@nodepools/plugin-nodepools-common';
import { usePoolLink } from '../../hooks/usePoolLink';
import { useTriageLink } from '../../hooks/useTriageLink';
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
export function PoolGrid({
  pools,
  pendingFitAfterScaleUp,
}: {
  pools: PoolListItem[];
  /** Per pool ref, pending pods that would fit after a scale-up. */
  pendingFitAfterScaleUp?: ReadonlyMap<string, number>;
}) {
  const classes = useStyles();
  const poolLink = usePoolLink();
  const triageLink = useTriageLink();
  return (
    <div className={classes.grid} data-testid="pool-grid">
      {pools.map(pool => (
        <PoolCard
          key={pool.ref}
          pool={pool}
          to={poolLink(pool.ref)}
          pendingFitAfterScaleUp={pendingFitAfterScaleUp?.get(pool.ref)}
          triageLink={triageLink(pool)}
        />
      ))}
    </div>
  );
}
