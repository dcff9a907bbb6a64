import { clusterRef, type ClusterIdentity } from '@nodepools/plugin-nodepools-common';
import type { ApproverRule } from './config';

function glob(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i').test(value);
}

function matches(rule: ApproverRule, cluster: ClusterIdentity): boolean {
  if (rule.provider && rule.provider !== cluster.provider) return false;
  if (!rule.cluster) return true;
  return glob(rule.cluster, clusterRef(cluster)) || glob(rule.cluster, cluster.cluster);
}

/**
 * The groups that approve requests for a cluster: the configured groups
 * that match it, else the groups that own the cluster's pools in the
 * inventory. Empty when neither says: then whoever is granted
 * `nodepool.request.approve` may approve.
 */
export function approverGroups(cluster: ClusterIdentity, rules: readonly ApproverRule[], pools: ReadonlyArray<{ owner?: string }>): string[] {
  const configured = rules.filter(rule => matches(rule, cluster)).map(rule => rule.group);
  if (configured.length) return [...new Set(configured)].sort();
  const owners = pools.map(pool => pool.owner).filter((owner): owner is string => !!owner?.startsWith('group:'));
  return [...new Set(owners)].sort();
}
