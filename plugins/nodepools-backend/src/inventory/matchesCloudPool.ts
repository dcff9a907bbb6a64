import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import type {
  AttributedObservedPool,
  PoolIdentity,
} from '../sources/kubernetes';

/**
 * Whether a cloud pool is the pool an observed pool's nodes belong to: the
 * same provider (by the node label), cluster and name, and the same account
 * and region where both sides know them.
 */
export function matchesCloudPool(
  cloudPool: Pick<PoolSpec, 'provider' | 'account' | 'region' | 'cluster' | 'name'>,
  observed: AttributedObservedPool,
  identity: PoolIdentity,
): boolean {
  const agrees = (a?: string, b?: string) => a === undefined || b === undefined || a === b;
  return (
    cloudPool.provider === observed.provider &&
    cloudPool.cluster === identity.cluster &&
    cloudPool.name === observed.pool &&
    agrees(cloudPool.account, identity.account) &&
    agrees(cloudPool.region, identity.region)
  );
}
