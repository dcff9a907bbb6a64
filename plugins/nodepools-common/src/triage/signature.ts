import type { VolumeTopology } from './checks/volumeZone';
import { compareText } from './compare';
import type { PodRecord } from './read';

function sortedEntries(record: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(record).sort(([a], [b]) => compareText(a, b));
}

/** Whether a pod's own labels and namespace take part in its scheduling. */
export function labelsMatter(pod: PodRecord, clusterHasAntiAffinity: boolean): boolean {
  return (
    clusterHasAntiAffinity || pod.podAffinity.length > 0 || pod.podAntiAffinity.length > 0 || pod.spread.length > 0
  );
}

/**
 * Everything the scheduler's filters read from a pod, as one string: pods
 * with equal keys get equal verdicts, so each key is evaluated once. Labels
 * and namespace are part of it only when some check reads them.
 */
export function signatureKey(
  pod: PodRecord,
  volumes: readonly VolumeTopology[],
  withLabels: boolean,
): string {
  return JSON.stringify([
    sortedEntries(pod.requests),
    pod.tolerations,
    sortedEntries(pod.nodeSelector),
    pod.nodeAffinityTerms ?? null,
    pod.hostPorts,
    pod.podAffinity,
    pod.podAntiAffinity,
    pod.spread,
    volumes.map(v => v.volume),
    pod.nodeName ?? null,
    pod.schedulingGates.length > 0,
    withLabels ? [pod.namespace, sortedEntries(pod.labels)] : null,
  ]);
}

/** Groups pods by signature, keeping first-seen order. */
export function groupBySignature<T>(items: readonly T[], keyOf: (item: T) => string): Array<{ key: string; items: T[] }> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  return [...groups].map(([key, list]) => ({ key, items: list }));
}
