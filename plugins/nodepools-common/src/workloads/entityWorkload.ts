import type { WorkloadPoolsQuery } from './types';

/** Annotations Backstage's Kubernetes plugin reads to find an entity's workloads. */
export const KUBERNETES_WORKLOAD_ANNOTATIONS = {
  id: 'backstage.io/kubernetes-id',
  labelSelector: 'backstage.io/kubernetes-label-selector',
  namespace: 'backstage.io/kubernetes-namespace',
} as const;

/**
 * The workload an entity's annotations name, or undefined when they name
 * none (neither a Kubernetes id nor a label selector).
 */
export function workloadQueryOfEntity(
  annotations: Record<string, string> | undefined,
): WorkloadPoolsQuery | undefined {
  const kubernetesId = annotations?.[KUBERNETES_WORKLOAD_ANNOTATIONS.id]?.trim();
  const labelSelector = annotations?.[KUBERNETES_WORKLOAD_ANNOTATIONS.labelSelector]?.trim();
  const namespace = annotations?.[KUBERNETES_WORKLOAD_ANNOTATIONS.namespace]?.trim();
  if (!kubernetesId && !labelSelector) return undefined;
  return {
    ...(kubernetesId ? { kubernetesId } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    ...(namespace ? { namespace } : {}),
  };
}

/**
 * The label selector of a workload query: its `labelSelector`, else
 * `backstage.io/kubernetes-id=<id>`, as the Kubernetes plugin does.
 * Throws when the query names neither.
 */
export function workloadSelector(query: WorkloadPoolsQuery): string {
  if (query.labelSelector?.trim()) return query.labelSelector.trim();
  if (query.kubernetesId?.trim()) {
    return `${KUBERNETES_WORKLOAD_ANNOTATIONS.id}=${query.kubernetesId.trim()}`;
  }
  throw new Error('a workload needs a kubernetesId or a labelSelector');
}
