import { poolRef, type NodePool, type PoolSpec, type Provider } from '../../model/pool';
import { providerOfPoolLabel, providerProfile } from '../../providers/registry';
import { poolOfNodeLabels } from '../labels';
import type { NodeRecord } from '../read';
import type { NodeShapes } from './nodeShapes';
import type { PoolState } from './types';

/** Until the nodes are placed, a pool has no room known. */
const NO_ROOM = new Float64Array(0);

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
 * The cluster's pools: every pool definition of the cluster, and every
 * pool its nodes' labels name, in that order.
 */
export class ClusterPools {
  private readonly byKey = new Map<string, PoolState>();
  private readonly specsByName = new Map<string, Array<PoolSpec | NodePool>>();
  /** A node's labels name its pool: worked out once per label set. */
  private readonly byLabelSet: PoolState[] = [];

  constructor(
    private readonly cluster: string,
    specs: ReadonlyArray<PoolSpec | NodePool>,
    private readonly nodeShapes: NodeShapes,
  ) {
    for (const spec of specs) {
      if (!this.byKey.has(`${spec.provider}/${spec.name}`)) this.add(spec.name, spec.provider, undefined, spec);
      const list = this.specsByName.get(spec.name);
      if (list) list.push(spec);
      else this.specsByName.set(spec.name, [spec]);
    }
  }

  /** The pool the node's labels name, created when no definition or earlier node named it. */
  ofNode(node: NodeRecord): PoolState {
    const labelSet = this.nodeShapes.shapes[node.shape].labelSet;
    let pool = this.byLabelSet[labelSet];
    if (!pool) {
      const named = poolOfNodeLabels(this.nodeShapes.labelSets[labelSet]);
      const spec = named.label ? matchingSpec(this.specsByName, named.name, named.label) : undefined;
      pool = this.byKey.get(`${spec?.provider ?? named.provider}/${named.name}`) ?? this.add(named.name, named.provider, named.label, spec);
      if (named.label) pool.label = named.label;
      this.byLabelSet[labelSet] = pool;
    }
    return pool;
  }

  list(): PoolState[] {
    return [...this.byKey.values()];
  }

  private add(name: string, provider: Provider, label: string | undefined, spec?: PoolSpec | NodePool): PoolState {
    const owner = spec?.provider ?? provider;
    const cluster = this.cluster;
    const state: PoolState = {
      index: this.byKey.size,
      key: `${owner}/${name}`,
      cluster,
      name,
      provider: owner,
      ref: spec && 'ref' in spec ? spec.ref : poolRef({ ...(spec ?? {}), provider: owner, cluster, name }),
      spec,
      label: label ?? defaultPoolLabel(owner),
      nodeCount: 0,
      classes: [],
      maxFreeVector: NO_ROOM,
      maxFreeAt: 0,
    };
    this.byKey.set(state.key, state);
    return state;
  }
}
