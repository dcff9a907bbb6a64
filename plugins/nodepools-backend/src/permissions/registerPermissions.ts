import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import type { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  NODEPOOL_RESOURCE_TYPE,
  nodepoolPermissions,
  type NodePool,
  type PoolCondition,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import { nodepoolResourceRef } from './resource';
import { nodepoolRules } from './rules';

/**
 * Tells the permission framework about node pools: the plugin's
 * permissions, the `nodepool` resource type with its rules, and how the
 * permission backend loads pools by ref to apply conditions to them.
 * Returns the rules, which turn conditional decisions into store filters.
 */
export function registerNodepoolPermissions(
  registry: PermissionsRegistryService,
  pools: Pick<PoolStore, 'getPools'>,
): PermissionRuleset<NodePool, PoolCondition, 'nodepool'> {
  const onPools = nodepoolPermissions.filter(p => isResourcePermission(p, NODEPOOL_RESOURCE_TYPE));
  registry.addResourceType({
    resourceRef: nodepoolResourceRef,
    permissions: onPools,
    rules: Object.values(nodepoolRules),
    getResources: refs => pools.getPools(refs),
  });
  registry.addPermissions(
    nodepoolPermissions.filter(p => !isResourcePermission(p, NODEPOOL_RESOURCE_TYPE)),
  );
  return registry.getPermissionRuleset(nodepoolResourceRef);
}
