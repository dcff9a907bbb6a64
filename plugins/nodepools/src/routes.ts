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

/** The signed-in user's pool requests. */
export const requestsRouteRef = createSubRouteRef({
  id: 'nodepools/requests',
  parent: rootRouteRef,
  path: '/requests',
});

/** Submitted requests the signed-in user may approve. */
export const requestApprovalsRouteRef = createSubRouteRef({
  id: 'nodepools/request-approvals',
  parent: rootRouteRef,
  path: '/requests/approvals',
});

/**
 * The request form; its query string prefills it, one parameter per field
 * (`kind`, `cluster`, `machineType`, `label`, `taint`...; see
 * lib/requestPrefill.ts).
 */
export const newRequestRouteRef = createSubRouteRef({
  id: 'nodepools/new-request',
  parent: rootRouteRef,
  path: '/requests/new',
});

/** One request: its state, audit trail, cost, rendered IaC and actions. */
export const requestRouteRef = createSubRouteRef({
  id: 'nodepools/request',
  parent: rootRouteRef,
  path: '/requests/:id',
});

/** Drift across the inventory: findings grouped by cause, owner and cluster, and counts over time. */
export const driftRouteRef = createSubRouteRef({
  id: 'nodepools/drift',
  parent: rootRouteRef,
  path: '/drift',
});

/**
 * Governance across the inventory: findings of the pool rules, costs and
 * idle capacity, the upgrade plan and exports; `?tab=` names the section.
 */
export const governanceRouteRef = createSubRouteRef({
  id: 'nodepools/governance',
  parent: rootRouteRef,
  path: '/governance',
});

/** Every owner's pools, cost and review state, each linked to its review. */
export const ownersRouteRef = createSubRouteRef({
  id: 'nodepools/owners',
  parent: rootRouteRef,
  path: '/owners',
});

/**
 * One owner's review of its pools. The `ref` parameter is the owner's
 * entity ref (`group:default/team-a`) passed through `encodeURIComponent`.
 */
export const ownerReviewRouteRef = createSubRouteRef({
  id: 'nodepools/owner-review',
  parent: rootRouteRef,
  path: '/owners/:ref/review',
});
