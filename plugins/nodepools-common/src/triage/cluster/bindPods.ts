import {
  compilePodAffinityTerm,
  indexExistingAntiAffinity,
  indexPlacedPods,
  type ExistingAntiAffinity,
  type PlacedPods,
} from '../checks/interPodAffinity';
import { FieldError, readPod, type BoundPod, type PlacedOnNode, type PlacedPod, type PodRecord } from '../read';
import type { ClusterInput } from './types';

/** The pods of a cluster, bound to its nodes. */
export interface BoundPods {
  /** Pods waiting for the scheduler (Pending, not being deleted). */
  pending: PodRecord[];
  boundToMissingNode: BoundPod[];
  creating: BoundPod[];
  placed: PlacedPods<PlacedOnNode>;
  existingAntiAffinity: ExistingAntiAffinity[];
  /** Every namespace a pod or the namespace list names, with its labels. */
  namespaceLabels: Map<string, Record<string, string>>;
  daemonSets: Map<string, PodRecord>;
}

/**
 * Binds pods to nodes (placed already: see `placeNodes`): running pods get their node's labels, DaemonSet pods
 * go onto their node and stand for their DaemonSet, and pods placed on a node
 * that does not exist or still being created are set apart.
 */
export function bindPods(input: ClusterInput): BoundPods {
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const ns of input.namespaces) {
    namespaceLabels.set(ns.name, { 'kubernetes.io/metadata.name': ns.name, ...ns.labels });
  }
  const namespaces = new Set<string>();
  const pending: PodRecord[] = [];
  for (const pod of input.pendingPods) {
    namespaces.add(pod.namespace);
    if (pod.phase === 'Pending' && !pod.deleting) pending.push(pod);
  }
  for (const namespace of input.placedByNamespace.keys()) namespaces.add(namespace);
  // Pods read after their node have it already; those read before it find it through the usage it took over.
  let withoutNode = 0;
  for (const { pod, usage } of input.readBeforeTheirNode) {
    pod.node = usage.node;
    if (!pod.node) withoutNode++;
  }
  // Most clusters have no pod bound to a missing node: then every pod has its node, and the lists are the reader's, not copies.
  const placedByNamespace =
    withoutNode === 0 ? (input.placedByNamespace as ReadonlyMap<string, readonly PlacedOnNode[]>) : onKnownNodes(input.placedByNamespace);
  const boundToMissingNode: BoundPod[] = [];
  const creating: BoundPod[] = [];
  const daemonSets = new Map<string, PodRecord>();
  const antiAffinityPods: BoundPod[] = [];
  for (const pod of input.specialPods) {
    const node = pod.node;
    if (!node) {
      if (pod.phase === 'Pending' && !pod.deleting) boundToMissingNode.push(pod);
      continue;
    }
    if (pod.daemonSet && !daemonSets.has(pod.daemonSet) && pod.raw !== undefined) {
      // One pod stands for its DaemonSet on nodes that do not exist yet.
      try {
        daemonSets.set(pod.daemonSet, readPod(pod.raw, pod.index));
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
      }
    }
    if (pod.podAntiAffinity.length > 0) antiAffinityPods.push(pod);
    if (pod.phase === 'Pending') creating.push(pod);
  }
  for (const namespace of namespaces) {
    if (!namespaceLabels.has(namespace)) namespaceLabels.set(namespace, { 'kubernetes.io/metadata.name': namespace });
  }
  const antiOwners = antiAffinityPods.map(pod => ({
    terms: pod.podAntiAffinity.map(term => compilePodAffinityTerm(term, pod, namespaceLabels)),
    nodeLabels: pod.node!.labels,
  }));
  return {
    pending,
    boundToMissingNode,
    creating,
    placed: indexPlacedPods(placedByNamespace),
    existingAntiAffinity: indexExistingAntiAffinity(antiOwners),
    namespaceLabels,
    daemonSets,
  };
}

/** The placed pods whose node is in the list: a pod on a node that is not there counts in no domain. */
function onKnownNodes(byNamespace: ReadonlyMap<string, readonly PlacedPod[]>): Map<string, PlacedOnNode[]> {
  const known = new Map<string, PlacedOnNode[]>();
  for (const [namespace, pods] of byNamespace) {
    const onNodes = pods.filter((pod): pod is PlacedOnNode => pod.node !== undefined);
    if (onNodes.length > 0) known.set(namespace, onNodes);
  }
  return known;
}
