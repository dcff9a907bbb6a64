import { poolRef, type NodePool, type PoolSpec, type Provider } from '../../model/pool';
import { providerOfPoolLabel, providerProfile } from '../../providers/registry';
import { poolOfNodeLabels } from '../labels';
import type { NodeRecord } from '../read';
import type { NodeShapes } from './nodeShapes';
import type { PoolState } from './types';

/**
 * Picks the cluster a kubectl snapshot belongs to when the caller did not
 * say: the cluster whose pools name the most nodes.
 */
export function resolveCluster(
  explicit: string | undefined,
  pools: ReadonlyArray<PoolSpec | NodePool>,
  nodeShapes: NodeShapes,
): string {
  if (explicit) return explicit;
  const clusters = [...new Set(pools.map(p => p.cluster))];
  if (clusters.length === 0) return 'default';
  if (clusters.length === 1) return clusters[0];
  // A node's pool is named by its labels: every label set names the pool of its nodes.
  const nodePools = new Set(nodeShapes.labelSets.map(labels => poolOfNodeLabels(labels).name));
  let best = clusters[0];
  let bestCount = -1;
  for (const cluster of clusters) {
    const count = pools.filter(p => p.cluster === cluster && nodePools.has(p.name)).length;
    if (count > bestCount) {
      best = cluster;
      bestCount = count;
    }
  }
  return best;
}

function matchingSpec(
  specsByName: ReadonlyMap<string, ReadonlyArray<PoolSpec | NodePool>>,
  name: string,
  label: string,
): PoolSpec | NodePool | undefined {
  const provider = providerOfPoolLabel(label);
  const named = specsByName.get(name) ?? [];
  return named.find(p => p.provider === provider) ?? named[0];
}

/** The label the provider names its nodes' pool with; self-managed pools have none of their own. */
function defaultPoolLabel(provider: Provider): string | undefined {
  const labels = providerProfile(provider).nodeLabels;
  return labels.poolSetByProvider ? labels.pool[0] : undefined;
}

/**
 * One state per pool: every pool definition of the cluster, and every pool
 * its nodes' labels name; each node goes into the pool its labels name.
 */
export function assignPools(
  cluster: string,
  specs: ReadonlyArray<PoolSpec | NodePool>,
  nodes: readonly NodeRecord[],
  nodeShapes: NodeShapes,
): PoolState[] {
  const pools = new Map<string, PoolState>();
  const makePool = (name: string, provider: Provider, label: string | undefined, spec?: PoolSpec | NodePool) => {
    const owner = spec?.provider ?? provider;
    const state: PoolState = {
      index: pools.size,
      key: `${owner}/${name}`,
      cluster,
      name,
      provider: owner,
      ref: spec && 'ref' in spec ? spec.ref : poolRef({ ...(spec ?? {}), provider: owner, cluster, name }),
      spec,
      label: label ?? defaultPoolLabel(owner),
      nodes: [],
      classes: [],
      maxFreeVector: new Float64Array(0),
    };
    pools.set(state.key, state);
    return state;
  };
  for (const spec of specs) {
    if (!pools.has(`${spec.provider}/${spec.name}`)) makePool(spec.name, spec.provider, undefined, spec);
  }
  const specsByName = new Map<string, Array<PoolSpec | NodePool>>();
  for (const spec of specs) {
    const list = specsByName.get(spec.name);
    if (list) list.push(spec);
    else specsByName.set(spec.name, [spec]);
  }
  // A node's labels name its pool: it is worked out once per label set.
  const poolOfLabelSet: PoolState[] = [];
  for (const node of nodes) {
    const labelSet = nodeShapes.shapes[node.shape].labelSet;
    let pool = poolOfLabelSet[labelSet];
    if (!pool) {
      const named = poolOfNodeLabels(nodeShapes.labelSets[labelSet]);
      const spec = named.label ? matchingSpec(specsByName, named.name, named.label) : undefined;
      const key = `${spec?.provider ?? named.provider}/${named.name}`;
      pool = pools.get(key) ?? makePool(named.name, named.provider, named.label, spec);
      if (named.label) pool.label = named.label;
      poolOfLabelSet[labelSet] = pool;
    }
    pool.nodes.push(node);
    node.poolIndex = pool.index;
  }
  return [...pools.values()];
}
