import { createConditionExports } from '@backstage/plugin-permission-node';
import { nodepoolResourceRef } from './resource';
import { nodepoolRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: nodepoolResourceRef,
  rules: nodepoolRules,
});

/**
 * Conditions on node pools for permission policies:
 * `nodepoolConditions.isOwner({ claims })`, `nodepoolConditions.inCluster({ clusters })`,
 * `nodepoolConditions.hasProvider({ providers })`.
 *
 * @public
 */
export const nodepoolConditions = conditions;

/**
 * A conditional decision on a node pool permission, for permission
 * policies: `createNodepoolConditionalDecision(request.permission, nodepoolConditions.isOwner({ claims }))`.
 *
 * @public
 */
export const createNodepoolConditionalDecision = createConditionalDecision;
