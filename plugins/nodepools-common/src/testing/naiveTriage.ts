import { defaultMachineCatalog } from '../machines/catalog';
import { checkHostPorts } from '../triage/checks/hostPorts';
import {
  buildInterPodAffinityState,
  checkInterPodAffinity,
  compilePodAffinityTerm,
} from '../triage/checks/interPodAffinity';
import { checkNodeAffinity, compileNodeAffinity } from '../triage/checks/nodeAffinity';
import { checkNodeName } from '../triage/checks/nodeName';
import { checkResources } from '../triage/checks/resources';
import { checkTaints } from '../triage/checks/taints';
import {
  buildTopologySpreadState,
  checkTopologySpread,
  compileSpreadConstraints,
} from '../triage/checks/topologySpread';
import { checkUnschedulable } from '../triage/checks/unschedulable';
import { checkVolumeZone, type VolumeTopology } from '../triage/checks/volumeZone';
import { buildClusterState, type ClusterState } from '../triage/cluster';
import { readTriageInput } from '../triage/input';
import type { NodeRecord, PlacedPod, PodRecord } from '../triage/read';
import { buildPoolTemplate, type PoolTemplate } from '../triage/templates';
import { NEW_NODE_HOSTNAME } from '../triage/labels';
import type { CheckReason, TriageInput, TriageOptions } from '../triage/types';

export interface NaiveVerdict {
  pool: string;
  fitsNow: boolean;
  fitsAfterScaleUp: boolean;
  /** Reason codes seen on the pool's nodes and new node, sorted. */
  codes: string[];
}

export interface NaiveReport {
  pods: Array<{ namespace: string; name: string; pools: NaiveVerdict[] }>;
}

/** Every check for one pod on one node, straight from the filter functions. */
function reasonsOnNode(
  pod: PodRecord,
  node: { name: string; labels: Record<string, string>; taints: NodeRecord['taints']; unschedulable: boolean },
  room: { allocatable: Record<string, number>; requested: Record<string, number>; podCount: number } | undefined,
  usedPorts: NodeRecord['usedPorts'],
  context: ReturnType<typeof podContext>,
  newNode?: { eligible: boolean },
): CheckReason[] {
  const reasons: CheckReason[] = [];
  const push = (reason: CheckReason | undefined) => reason && reasons.push(reason);
  push(checkNodeName(pod.nodeName, node.name));
  push(checkUnschedulable(node.unschedulable, pod.tolerations));
  push(checkTaints(node.taints, pod.tolerations));
  push(checkNodeAffinity(context.affinity, node.labels, node.name));
  if (room) reasons.push(...checkResources(pod.requests, room));
  push(checkHostPorts(pod.hostPorts, usedPorts));
  if (context.interPod) reasons.push(...checkInterPodAffinity(context.interPod, node.labels));
  if (context.spread) push(checkTopologySpread(context.spread, node.labels, newNode));
  push(checkVolumeZone(context.volumes, node.labels, node.name));
  return reasons;
}

function podContext(pod: PodRecord, state: ClusterState, podsOn: ReadonlyMap<NodeRecord, PlacedPod[]>) {
  const affinity = compileNodeAffinity(pod.nodeSelector, pod.nodeAffinityTerms);
  const volumes = pod.claims
    .map(c => state.volumes.get(`${pod.namespace}/${c}`))
    .filter((v): v is VolumeTopology => v !== undefined);
  const compile = (terms: PodRecord['podAffinity']) =>
    terms.map(term => compilePodAffinityTerm(term, pod, state.namespaceLabels));
  const interPod =
    pod.podAffinity.length || pod.podAntiAffinity.length || state.existingAntiAffinity.length
      ? buildInterPodAffinityState(
          { namespace: pod.namespace, labels: pod.labels, affinityTerms: compile(pod.podAffinity), antiAffinityTerms: compile(pod.podAntiAffinity) },
          state.placed,
          state.existingAntiAffinity,
        )
      : undefined;
  const constraints = compileSpreadConstraints(pod.spread, pod.labels);
  const spread = constraints.length
    ? buildTopologySpreadState(
        constraints,
        pod.namespace,
        state.nodes.map(node => ({
          labels: node.labels,
          matchesNodeAffinity: checkNodeAffinity(affinity, node.labels, node.name) === undefined,
          toleratesTaints: checkTaints(node.taints, pod.tolerations) === undefined,
          pods: podsOn.get(node) ?? [],
        })),
      )
    : undefined;
  return { affinity, volumes, interPod, spread };
}

function fitsOnTemplate(pod: PodRecord, template: PoolTemplate, context: ReturnType<typeof podContext>): { fits: boolean; codes: string[] } {
  const codes: string[] = [];
  let fits = false;
  for (const candidate of template.candidates) {
    for (const placement of candidate.placements) {
      const reasons = reasonsOnNode(
        pod,
        { name: NEW_NODE_HOSTNAME, labels: placement.labels, taints: placement.taints, unschedulable: false },
        candidate.allocatable
          ? { allocatable: candidate.allocatable, requested: candidate.overhead, podCount: candidate.overheadPods }
          : undefined,
        candidate.usedPorts,
        context,
        { eligible: checkNodeAffinity(context.affinity, placement.labels, NEW_NODE_HOSTNAME) === undefined },
      );
      if (reasons.length === 0) {
        fits = true;
        break;
      }
      codes.push(...reasons.map(r => r.code));
    }
    if (fits) break;
  }
  return { fits, codes };
}

/**
 * The same question answered the slow way: every pending pod on its own,
 * against every node one by one, with no grouping and no caching. It exists
 * to check the fast engine's answers and to measure what grouping buys.
 */
export function analyzePendingPodsNaive(input: TriageInput, options: TriageOptions & { limit?: number } = {}): NaiveReport {
  const state = buildClusterState(readTriageInput(input, []));
  const catalog = options.catalog ?? defaultMachineCatalog();
  const templates = new Map(state.pools.map(pool => [pool, buildPoolTemplate(pool, state, catalog, options)] as const));
  const pending = options.limit === undefined ? state.pending : state.pending.slice(0, options.limit);
  const podsOn = new Map<NodeRecord, PlacedPod[]>();
  for (const placed of state.placed.all) {
    if (!placed.node) continue;
    const list = podsOn.get(placed.node);
    if (list) list.push(placed);
    else podsOn.set(placed.node, [placed]);
  }
  return {
    pods: pending.map(pod => {
      const context = podContext(pod, state, podsOn);
      return {
        namespace: pod.namespace,
        name: pod.name,
        pools: state.pools.map(pool => {
          const codes = new Set<string>();
          let fitsNow = false;
          for (const node of pool.nodes) {
            const reasons = reasonsOnNode(pod, node, node, node.usedPorts, context);
            if (reasons.length === 0) {
              fitsNow = true;
              break;
            }
            for (const reason of reasons) codes.add(reason.code);
          }
          const template = templates.get(pool)!;
          const newNode = fitsOnTemplate(pod, template, context);
          const canGrow =
            template.scaling.canAdd &&
            (!template.scaling.remaining ||
              template.candidates.some(c =>
                Object.entries(template.scaling.remaining!).every(([r, left]) => (c.capacity?.[r] ?? 0) <= left),
              ));
          if (!fitsNow) for (const code of newNode.codes) codes.add(code);
          return {
            pool: pool.name,
            fitsNow,
            fitsAfterScaleUp: newNode.fits && canGrow,
            codes: fitsNow ? [] : [...codes].sort(),
          };
        }),
      };
    }),
  };
}
