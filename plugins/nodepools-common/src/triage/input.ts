import type { ClusterInput } from './cluster';
import type { NodeSelectorTerm } from './kube';
import { listItems, readEvent, readItems, readNode, readPods, type NodeRecord } from './read';
import { readPool } from './readPools';
import { isObject } from './read';
import type { SkippedItem, TriageInput } from './types';

function readOptionalList<T>(
  input: unknown,
  list: string,
  kind: string,
  read: (raw: unknown, index: number) => T | undefined,
  skipped: SkippedItem[],
): T[] {
  if (input === undefined || input === null) return [];
  try {
    return readItems(listItems(input, list, kind), list, kind, read, skipped);
  } catch (e) {
    skipped.push({ list, object: list, field: 'items', message: (e as Error).message });
    return [];
  }
}

function readVolumeObjects(input: TriageInput, skipped: SkippedItem[]) {
  const persistentVolumes = readOptionalList(
    input.persistentVolumes,
    'persistentvolumes',
    'PersistentVolume',
    raw => {
      const pv = raw as Record<string, any>;
      if (!isObject(pv?.metadata) || typeof pv.metadata.name !== 'string') return undefined;
      const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
      return {
        name: pv.metadata.name as string,
        labels: isObject(pv.metadata.labels) ? (pv.metadata.labels as Record<string, string>) : {},
        terms: Array.isArray(terms) ? (terms as NodeSelectorTerm[]) : undefined,
      };
    },
    skipped,
  );
  const persistentVolumeClaims = readOptionalList(
    input.persistentVolumeClaims,
    'persistentvolumeclaims',
    'PersistentVolumeClaim',
    raw => {
      const pvc = raw as Record<string, any>;
      if (!isObject(pvc?.metadata) || typeof pvc.metadata.name !== 'string') return undefined;
      return {
        namespace: typeof pvc.metadata.namespace === 'string' ? pvc.metadata.namespace : 'default',
        name: pvc.metadata.name as string,
        volumeName: typeof pvc.spec?.volumeName === 'string' ? (pvc.spec.volumeName as string) : undefined,
      };
    },
    skipped,
  );
  const namespaces = readOptionalList(
    input.namespaces,
    'namespaces',
    'Namespace',
    raw => {
      const ns = raw as Record<string, any>;
      if (!isObject(ns?.metadata) || typeof ns.metadata.name !== 'string') return undefined;
      return {
        name: ns.metadata.name as string,
        labels: isObject(ns.metadata.labels) ? (ns.metadata.labels as Record<string, string>) : {},
      };
    },
    skipped,
  );
  return { persistentVolumes, persistentVolumeClaims, namespaces };
}

function uniqueNodes(nodes: NodeRecord[], skipped: SkippedItem[]): NodeRecord[] {
  const seen = new Set<string>();
  return nodes.filter(node => {
    if (!seen.has(node.name)) {
      seen.add(node.name);
      return true;
    }
    skipped.push({
      list: 'nodes',
      index: node.index,
      object: `Node ${node.name}`,
      field: 'metadata.name',
      message: 'a node of this name appears earlier in the list',
    });
    return false;
  });
}

/**
 * Reads everything a triage takes: bad items are left out and listed in
 * `skipped`; pods and nodes that are not lists at all throw TriageInputError.
 */
export function readTriageInput(input: TriageInput, skipped: SkippedItem[]): ClusterInput {
  const nodes = uniqueNodes(readItems(listItems(input.nodes, 'nodes', 'Node'), 'nodes', 'Node', readNode, skipped), skipped);
  const pods = readPods(listItems(input.pods, 'pods', 'Pod'), skipped);
  const events = readOptionalList(input.events, 'events', 'Event', readEvent, skipped);
  const pools = (input.pools ?? []).flatMap((raw, index) => {
    try {
      return [readPool(raw)];
    } catch (e) {
      const named = isObject(raw) && typeof raw.name === 'string' ? `pool ${raw.name}` : `pools item ${index}`;
      skipped.push({
        list: 'pools',
        index,
        object: named,
        field: (e as { field?: string }).field ?? '(item)',
        message: (e as Error).message,
      });
      return [];
    }
  });
  return {
    cluster: input.cluster,
    pools,
    nodes,
    pendingPods: pods.pending,
    placedPods: pods.placed,
    specialPods: pods.special,
    usage: pods.usage,
    events,
    ...readVolumeObjects(input, skipped),
  };
}
