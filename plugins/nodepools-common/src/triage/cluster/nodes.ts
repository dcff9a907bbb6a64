import type { Taint } from '../../model/pool';
import { PROVIDER_TRANSIENT_TAINT_KEYS } from '../../providers/registry';
import type { NodeRecord } from '../read';
import { ResourceIndex } from './indexes';

export function freeCpu(node: NodeRecord): number {
  return node.free[node.freeAt + ResourceIndex.CPU];
}

export function podKey(pod: { namespace: string; name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}

export function taintsKey(taints: readonly Taint[]): string {
  return taints
    .map(t => `${t.key}=${t.value ?? ''}:${t.effect}`)
    .sort()
    .join(',');
}

/** Node lifecycle taints that a new node of the pool will not have: Kubernetes', the cluster autoscaler's and the providers' own. */
const TRANSIENT_TAINT_PREFIXES = ['node.kubernetes.io/', 'node.cloudprovider.kubernetes.io/'];
const TRANSIENT_TAINTS = new Set(['ToBeDeletedByClusterAutoscaler', 'DeletionCandidateOfClusterAutoscaler']);

export function isTransientTaint(taint: Taint): boolean {
  return (
    TRANSIENT_TAINTS.has(taint.key) ||
    PROVIDER_TRANSIENT_TAINT_KEYS.has(taint.key) ||
    TRANSIENT_TAINT_PREFIXES.some(p => taint.key.startsWith(p))
  );
}
