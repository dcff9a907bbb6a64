import type { Taint } from '../../model/pool';
import { PROVIDER_TRANSIENT_TAINT_KEYS } from '../../providers/registry';
import type { NodeRecord, ResourceMap } from '../read';
import { ResourceIndex } from './indexes';
import type { NodeClass } from './types';

/** The largest allocatable per resource among a class's nodes, worked out when a message needs it. */
export function maxAllocatableOf(cls: NodeClass): ResourceMap {
  if (!cls.maxAllocatable) {
    const max: ResourceMap = {};
    for (const node of cls.nodes) {
      for (const name in node.allocatable) {
        if (!(name in max) || node.allocatable[name] > max[name]) max[name] = node.allocatable[name];
      }
    }
    cls.maxAllocatable = max;
  }
  return cls.maxAllocatable;
}

export function freeCpu(node: NodeRecord): number {
  return node.free[ResourceIndex.CPU];
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
