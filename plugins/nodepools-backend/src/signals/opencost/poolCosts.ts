import type { Provider } from '@nodepools/plugin-nodepools-common';
import { poolOfNode, providerOfPoolLabel } from '../../sources/kubernetes';
import type { OpenCostNode } from './OpenCostClient';

/** A pool of the cluster the costs are for, as the inventory has it. */
export interface CostedPool {
  ref: string;
  provider: Provider;
  name: string;
}

export interface PoolCostTotal {
  ref: string;
  totalCost: number;
  nodeHours: number;
}

export interface PoolCostMapping {
  pools: PoolCostTotal[];
  /** Nodes whose labels name no pool, or a pool the inventory does not have. */
  unmatchedNodes: number;
}

/**
 * OpenCost keeps node labels as Prometheus label names: every character
 * other than a letter, digit or `_` becomes `_` (`eks.amazonaws.com/nodegroup`
 * is `eks_amazonaws_com_nodegroup`), sometimes behind a `label_` prefix.
 */
export function prometheusLabelName(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The node's labels under their Kubernetes names, for the pool label keys asked about. */
function kubernetesLabels(
  labels: Record<string, string>,
  poolLabelKeys: readonly string[],
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const key of poolLabelKeys) {
    const name = prometheusLabelName(key);
    const value = labels[key] ?? labels[name] ?? labels[`label_${name}`];
    if (value) found[key] = value;
  }
  return found;
}

/**
 * Adds up each pool's node costs and node hours: a node belongs to the pool
 * its labels name (the same pool labels, in the same order, as the node
 * roll-up), on the pool of the provider the label belongs to; a
 * self-managed label's pool, or a cloud label's pool the inventory has
 * only from the nodes, is the cluster's `kubernetes` pool of that name.
 */
export function poolCostsOf(
  nodes: OpenCostNode[],
  pools: CostedPool[],
  poolLabelKeys: readonly string[],
): PoolCostMapping {
  const byProviderAndName = new Map(pools.map(pool => [`${pool.provider}\u0000${pool.name}`, pool]));
  const totals = new Map<string, PoolCostTotal>();
  let unmatchedNodes = 0;
  for (const node of nodes) {
    const owner = poolOfNode(kubernetesLabels(node.labels, poolLabelKeys), poolLabelKeys);
    const provider = owner && providerOfPoolLabel(owner.poolLabel);
    const pool =
      owner &&
      (byProviderAndName.get(`${provider}\u0000${owner.pool}`) ??
        byProviderAndName.get(`kubernetes\u0000${owner.pool}`));
    if (!pool) {
      unmatchedNodes += 1;
      continue;
    }
    let total = totals.get(pool.ref);
    if (!total) totals.set(pool.ref, (total = { ref: pool.ref, totalCost: 0, nodeHours: 0 }));
    total.totalCost += node.totalCost;
    total.nodeHours += node.minutes / 60;
  }
  return { pools: [...totals.values()], unmatchedNodes };
}

/** Cost per node hour; undefined for a pool whose nodes ran no time in the window. */
export function nodeHourly(total: PoolCostTotal): number | undefined {
  return total.nodeHours > 0 ? total.totalCost / total.nodeHours : undefined;
}
