import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The node pools browser, mounted by adopters at `/nodepools`. */
export const rootRouteRef = createRouteRef({ id: 'nodepools' });

/** The pool list; its filters live in the query string. */
export const poolsRouteRef = createSubRouteRef({
  id: 'nodepools/pools',
  parent: rootRouteRef,
  path: '/pools',
});

/**
 * One pool. The `ref` parameter is the pool's ref passed through
 * `encodeURIComponent`: refs contain `/`, which must not split the path.
 */
export const poolRouteRef = createSubRouteRef({
  id: 'nodepools/pool',
  parent: rootRouteRef,
  path: '/pools/:ref',
});

/**
 * Pending-pod triage; `?cluster=` names the cluster shown, and
 * `/triage/analyze` analyzes kubectl JSON a user brings.
 */
export const triageRouteRef = createSubRouteRef({
  id: 'nodepools/triage',
  parent: rootRouteRef,
  path: '/triage',
});

/** Sync status of every configured source. */
export const sourcesRouteRef = createSubRouteRef({
  id: 'nodepools/sources',
  parent: rootRouteRef,
  path: '/sources',
});

/** Drift across the inventory: findings grouped by cause, owner and cluster, and counts over time. */
export const driftRouteRef = createSubRouteRef({
  id: 'nodepools/drift',
  parent: rootRouteRef,
  path: '/drift',
});
