import type { Taint } from '../../model/pool';
import { portsConflict, type HostPort } from '../checks/hostPorts';
import { compileNodeAffinity, nodeAffinityMatches } from '../checks/nodeAffinity';
import { untoleratedTaints } from '../checks/taints';
import type { ClusterState, PoolState } from '../cluster';
import type { NodeSelectorTerm } from '../kube';
import { NEW_NODE_HOSTNAME } from '../labels';
import { addInto, type DaemonPod, type PodRecord, type ResourceMap } from '../read';

/** The DaemonSet controller pins each pod to its node with matchFields; a template node needs the rest. */
function withoutNodePin(terms: readonly NodeSelectorTerm[] | undefined): NodeSelectorTerm[] | undefined {
  if (!terms) return undefined;
  const stripped = terms.map(term => ({ matchExpressions: term.matchExpressions ?? [] }));
  const pinnedOnly = terms.some((term, i) => (term.matchFields?.length ?? 0) > 0 && stripped[i].matchExpressions.length === 0);
  return pinnedOnly ? undefined : stripped;
}

/** Whether a DaemonSet's pod would run on a node with these labels and taints. */
export function daemonSetRunsOn(pod: PodRecord, labels: Record<string, string>, taints: readonly Taint[]): boolean {
  if (untoleratedTaints(taints, pod.tolerations).some(t => t.effect !== 'PreferNoSchedule')) return false;
  const affinity = compileNodeAffinity(pod.nodeSelector, withoutNodePin(pod.nodeAffinityTerms));
  return nodeAffinityMatches(affinity, labels, NEW_NODE_HOSTNAME);
}

export interface Overhead {
  overhead: ResourceMap;
  overheadPods: number;
  usedPorts: HostPort[];
}

function addPod(target: Overhead, pod: Pick<PodRecord, 'requests' | 'hostPorts'>) {
  addInto(target.overhead, pod.requests);
  target.overheadPods++;
  for (const port of pod.hostPorts) {
    if (!target.usedPorts.some(p => portsConflict(p, port))) target.usedPorts.push(port);
  }
}

/** Daemonset pods seen on the pool's nodes, each DaemonSet counted once at its largest request. */
export function overheadFromNodes(pool: PoolState): Overhead {
  const largest = new Map<string, DaemonPod>();
  for (const cls of pool.classes) {
    for (const list of cls.daemonPodLists) {
      for (const pod of list) {
        if (!pod.daemonSet) continue;
        const seen = largest.get(pod.daemonSet);
        if (!seen || (pod.requests.cpu ?? 0) + (pod.requests.memory ?? 0) > (seen.requests.cpu ?? 0) + (seen.requests.memory ?? 0)) {
          largest.set(pod.daemonSet, pod);
        }
      }
    }
  }
  const result: Overhead = { overhead: {}, overheadPods: 0, usedPorts: [] };
  for (const pod of largest.values()) addPod(result, pod);
  return result;
}

/** Daemonsets of the cluster that would run on a node with these labels and taints. */
export function overheadFromDaemonSets(state: ClusterState, labels: Record<string, string>, taints: readonly Taint[]): Overhead {
  const result: Overhead = { overhead: {}, overheadPods: 0, usedPorts: [] };
  for (const pod of state.daemonSets.values()) {
    if (daemonSetRunsOn(pod, labels, taints)) addPod(result, pod);
  }
  return result;
}
