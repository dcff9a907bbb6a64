import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  NODEPOOL_RESOURCE_TYPE,
  type NodePool,
  type PoolCondition,
} from '@nodepools/plugin-nodepools-common';

/**
 * Node pools as a permission resource: a pool is loaded by its pool ref,
 * and rules become `PoolCondition`s the store turns into SQL.
 *
 * @public
 */
export const nodepoolResourceRef = createPermissionResourceRef<
  NodePool,
  PoolCondition
>().with({
  pluginId: 'nodepools',
  resourceType: NODEPOOL_RESOURCE_TYPE,
});
