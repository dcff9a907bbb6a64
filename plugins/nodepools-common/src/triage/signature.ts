import type { VolumeTopology } from './checks/volumeZone';
import { compareText } from './compare';
import type { PodRecord } from './read';

/**
 * The record with its keys in order, for a key that does not depend on the
 * order they were written in. Most records (requests, a node selector, a
 * pod's labels) are in order already and are used as they are: a sorted
 * copy of each of 20,000 pods' records was most of the cost of grouping.
 */
function inKeyOrder(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let previous: string | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (previous !== undefined && compareText(previous, key) > 0) {
      // A copy written in key order lists its keys as an ordered record
      // would: integer-like keys first either way.
      const copy: Record<string, unknown> = {};
      for (const name of Object.keys(record).sort(compareText)) copy[name] = record[name];
      return copy;
    }
    previous = key;
  }
  return record;
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
    inKeyOrder(pod.requests),
    pod.tolerations,
    inKeyOrder(pod.nodeSelector),
    pod.nodeAffinityTerms ?? null,
    pod.hostPorts,
    pod.podAffinity,
    pod.podAntiAffinity,
    pod.spread,
    volumes.map(v => v.volume),
    pod.nodeName ?? null,
    pod.schedulingGates.length > 0,
    withLabels ? [pod.namespace, inKeyOrder(pod.labels)] : null,
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
