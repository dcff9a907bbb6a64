import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of node pools; a pool's resource ref is its pool ref. */
export const NODEPOOL_RESOURCE_TYPE = 'nodepool';

/** See pools: listings, pool pages, history, cards. Conditional on the pool (e.g. its owner). */
export const nodepoolReadPermission = createPermission({
  name: 'nodepool.read',
  attributes: { action: 'read' },
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/** See a pool's raw provider record, which can hold account details teams do not share. */
export const nodepoolRawReadPermission = createPermission({
  name: 'nodepool.raw.read',
  attributes: { action: 'read' },
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/** Run a source now instead of waiting for its schedule; it calls the clouds. */
export const nodepoolSourceSyncPermission = createPermission({
  name: 'nodepool.source.sync',
  attributes: {},
});

/** Post kubectl output for a pending-pod analysis; it costs the backend CPU. */
export const nodepoolTriageAnalyzePermission = createPermission({
  name: 'nodepool.triage.analyze',
  attributes: {},
});

/** Draft and submit requests for new pools. */
export const nodepoolRequestCreatePermission = createPermission({
  name: 'nodepool.request.create',
  attributes: { action: 'create' },
});

/** Approve or reject other people's pool requests. */
export const nodepoolRequestApprovePermission = createPermission({
  name: 'nodepool.request.approve',
  attributes: { action: 'update' },
});

/** Acknowledge a drift finding (or a governance finding) of a pool, with a reason. */
export const nodepoolDriftAcknowledgePermission = createPermission({
  name: 'nodepool.drift.acknowledge',
  attributes: { action: 'update' },
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/**
 * Confirm a pool's owner in the ownership review, or hand the pool to
 * another group. Conditional on the pool: policies usually allow the owner.
 */
export const nodepoolReviewConfirmPermission = createPermission({
  name: 'nodepool.review.confirm',
  attributes: { action: 'update' },
  resourceType: NODEPOOL_RESOURCE_TYPE,
});

/** Every permission of the plugin, for the backend to register. */
export const nodepoolPermissions = [
  nodepoolReadPermission,
  nodepoolRawReadPermission,
  nodepoolSourceSyncPermission,
  nodepoolTriageAnalyzePermission,
  nodepoolRequestCreatePermission,
  nodepoolRequestApprovePermission,
  nodepoolDriftAcknowledgePermission,
  nodepoolReviewConfirmPermission,
];
