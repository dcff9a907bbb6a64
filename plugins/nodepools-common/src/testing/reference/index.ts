/**
 * A reference for the triage engine that shares no scheduling code with it:
 * every pending pod on its own, against every node one by one, with
 * kube-scheduler's filters written out from its documented semantics. It
 * reads the same input and uses the same data (provider profiles, machine
 * catalog, quantity parsing), and reports what the engine reports: per pod
 * and pool, whether it fits now, whether it fits after a scale-up, and the
 * reason codes found.
 *
 * The reporting rules it follows, as the engine documents them: a node
 * reports what its labels, taints and cordon state rule out, and only when
 * they rule out nothing, what its room, ports and surrounding pods rule
 * out. A pool's new node is the first one that fits within the pool's
 * limits, else the first that fits, else the one with the fewest reasons; it
 * reports the reasons of its first placement when every placement is ruled
 * out by labels, else its room and ports and the first open placement's
 * topology reasons. A pool that may not grow adds `max-size`.
 */
import { defaultMachineCatalog } from '../../machines/catalog';
import type { NodePool, PoolSpec } from '../../model/pool';
import type { TriageOptions } from '../../triage/types';
import { capacityCodes, labelCodes, podContext, topologyCodes, type NodeView, type PlacedPod } from './filters';
import { readCluster, type Amounts, type RefPod } from './objects';
import { buildPools, type NewNode, type RefPool } from './pools';

export interface ReferenceVerdict {
  /** `provider/name`. */
  pool: string;
  fitsNow: boolean;
  fitsAfterScaleUp: boolean;
  /** Reason codes found on the pool's nodes, its new node and its scaling, sorted; empty when it fits now. */
  codes: string[];
}

export interface ReferenceReport {
  pods: Array<{ namespace: string; name: string; pools: ReferenceVerdict[] }>;
}

export interface ReferenceInput {
  cluster?: string;
  pods: unknown;
  nodes: unknown;
  pools?: ReadonlyArray<PoolSpec | NodePool>;
  persistentVolumes?: unknown;
  persistentVolumeClaims?: unknown;
  namespaces?: unknown;
}

function newNodeVerdict(context: ReturnType<typeof podContext>, node: NewNode): { fits: boolean; codes: string[] } {
  const open = node.placements.filter(p => labelCodes(context, p).length === 0);
  if (open.length === 0) return { fits: false, codes: node.placements.length ? labelCodes(context, node.placements[0]) : [] };
  const codes = capacityCodes(context, open[0]);
  const topology = open.map(p => topologyCodes(context, p, true));
  if (!topology.some(found => found.length === 0)) codes.push(...topology[0]);
  return { fits: codes.length === 0, codes };
}

function withinLimits(pool: RefPool, node: NewNode): boolean {
  return Object.entries(pool.limitsLeft ?? {}).every(([name, left]) => (node.capacity?.[name] ?? 0) <= left);
}

function judge(context: ReturnType<typeof podContext>, pool: RefPool, views: Map<string, NodeView>): ReferenceVerdict {
  const codes = new Set<string>();
  let fitsNow = false;
  for (const node of pool.nodes) {
    const view = views.get(node.name)!;
    const found = labelCodes(context, view);
    if (found.length === 0) found.push(...capacityCodes(context, view), ...topologyCodes(context, view));
    if (found.length === 0) {
      fitsNow = true;
      break;
    }
    found.forEach(code => codes.add(code));
  }
  const results = pool.newNodes.map(node => ({ node, ...newNodeVerdict(context, node) }));
  const chosen =
    results.find(r => r.fits && withinLimits(pool, r.node)) ??
    results.find(r => r.fits) ??
    results.reduce<(typeof results)[number] | undefined>((best, r) => (!best || r.codes.length < best.codes.length ? r : best), undefined);
  const fitsAfterScaleUp = Boolean(chosen?.fits && pool.canAdd && withinLimits(pool, chosen.node));
  if (results.length === 0) codes.add('node-affinity');
  chosen?.codes.forEach(code => codes.add(code));
  if (!pool.canAdd || (chosen?.fits && !withinLimits(pool, chosen.node))) codes.add('max-size');
  return { pool: pool.key, fitsNow, fitsAfterScaleUp, codes: fitsNow ? [] : [...codes].sort() };
}

/** The input read and indexed, ready to judge its pending pods one by one (so the two can be timed apart). */
export interface PreparedReference {
  pendingPods: number;
  /** The verdicts of the pending pod at this position. */
  judgePod(position: number): ReferenceReport['pods'][number];
}

/** The reference answer for every pending pod of the input; `limit` evaluates only the first pods. */
export function referenceTriage(input: ReferenceInput, options: TriageOptions & { limit?: number } = {}): ReferenceReport {
  const prepared = prepareReference(input, options);
  const count = Math.min(options.limit ?? prepared.pendingPods, prepared.pendingPods);
  return { pods: Array.from({ length: count }, (_, i) => prepared.judgePod(i)) };
}

export function prepareReference(input: ReferenceInput, options: TriageOptions = {}): PreparedReference {
  const cluster = readCluster(input);
  const nodesByName = new Map(cluster.nodes.map(node => [node.name, node]));
  const podsOn = new Map<string, RefPod[]>();
  for (const pod of cluster.pods) {
    if (!pod.nodeName || !nodesByName.has(pod.nodeName)) continue;
    const list = podsOn.get(pod.nodeName);
    if (list) list.push(pod);
    else podsOn.set(pod.nodeName, [pod]);
  }
  const views = new Map<string, NodeView>();
  for (const node of cluster.nodes) {
    const pods = podsOn.get(node.name) ?? [];
    const requested: Amounts = {};
    for (const pod of pods) for (const [name, amount] of Object.entries(pod.requests)) requested[name] = (requested[name] ?? 0) + amount;
    views.set(node.name, { ...node, requested, podCount: pods.length, ports: pods.flatMap(pod => pod.ports) });
  }
  const placed: PlacedPod[] = [...podsOn].flatMap(([name, pods]) => pods.map(pod => ({ pod, node: views.get(name)! })));
  const specs = input.pools ?? [];
  const clusterName = input.cluster ?? specs[0]?.cluster ?? 'default';
  const daemonSets = new Map<string, RefPod>();
  for (const pod of cluster.pods) {
    if (pod.daemonSet && pod.nodeName && nodesByName.has(pod.nodeName) && !daemonSets.has(pod.daemonSet)) daemonSets.set(pod.daemonSet, pod);
  }
  const zones = new Set<string>();
  for (const node of cluster.nodes) {
    const zone = node.labels['topology.kubernetes.io/zone'] ?? node.labels['failure-domain.beta.kubernetes.io/zone'];
    if (zone) zones.add(zone);
  }
  for (const spec of specs) if (spec.cluster === clusterName) spec.zones?.forEach(zone => zones.add(zone));
  const pools = buildPools(specs, cluster.nodes, {
    cluster: clusterName,
    catalog: options.catalog ?? defaultMachineCatalog(),
    prefixDelegation: options.prefixDelegation,
    zones: [...zones].sort(),
    daemonSets: [...daemonSets.values()],
    podsOn,
  });
  const allViews = [...views.values()];
  const pending = cluster.pods.filter(pod => !pod.nodeName && pod.phase === 'Pending' && !pod.deleting);
  return {
    pendingPods: pending.length,
    judgePod(position) {
      const pod = pending[position];
      const volumes = pod.claims
        .map(claim => cluster.claims.get(`${pod.namespace}/${claim}`))
        .map(name => (name ? cluster.volumes.get(name) : undefined))
        .filter((v): v is NonNullable<typeof v> => v !== undefined);
      const context = podContext(pod, allViews, placed, volumes, cluster.namespaceLabels);
      return { namespace: pod.namespace, name: pod.name, pools: pools.map(pool => judge(context, pool, views)) };
    },
  };
}
