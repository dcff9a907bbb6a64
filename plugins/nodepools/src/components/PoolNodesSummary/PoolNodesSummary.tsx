import { providerProfile, type PoolListItem } from '@nodepools/plugin-nodepools-common';
import { CapacityBar } from '../CapacityBar';
import { NodeCountBar } from '../NodeCountBar';
import { ObservedNodesSummary } from '../ObservedNodesSummary';

/**
 * A pool's nodes as its source states them, and, when the cluster was read,
 * what the cluster itself sees: ready nodes and requested vs allocatable.
 */
export function PoolNodesSummary({ pool }: { pool: PoolListItem }) {
  return (
    <>
      <NodeCountBar nodeCount={pool.nodeCount} autoscaling={pool.autoscaling} />
      {pool.observed && (
        <>
          <ObservedNodesSummary
            // A pool seen only through its nodes has no configured count to compare.
            nodeCount={providerProfile(pool.provider).cloud === 'none' ? undefined : pool.nodeCount}
            observed={pool.observed}
          />
          <CapacityBar
            requested={pool.observed.requested}
            allocatable={pool.observed.allocatable}
          />
        </>
      )}
    </>
  );
}
