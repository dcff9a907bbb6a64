import type { PoolWorkloads } from '../workloads/types';

/**
 * Namespaces whose pods belong to the cluster itself rather than to a team:
 * Kubernetes' own, and those the providers and the common network and
 * policy add-ons install into. Their pods (CoreDNS, metrics-server, CNI and
 * CSI agents, policy controllers) are what a system pool is for.
 */
export const SYSTEM_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  // Calico and its operator (AKS network policy, EKS add-on)
  'calico-system',
  'tigera-operator',
  // Azure Policy's Gatekeeper (AKS)
  'gatekeeper-system',
  // GKE managed Prometheus
  'gmp-system',
  'gmp-public',
  // EKS add-ons
  'amazon-cloudwatch',
  'amazon-guardduty',
  'aws-observability',
];

/** Prefixes of namespaces a provider manages (`gke-managed-*`). */
export const SYSTEM_NAMESPACE_PREFIXES: readonly string[] = ['gke-managed-', 'gke-gmp-'];

export function isSystemNamespace(namespace: string): boolean {
  return (
    SYSTEM_NAMESPACES.includes(namespace) ||
    SYSTEM_NAMESPACE_PREFIXES.some(prefix => namespace.startsWith(prefix))
  );
}

/** A pool's running pods split into the cluster's own and the teams' workloads. */
export interface WorkloadSplit {
  systemPods: number;
  workloadPods: number;
  /** Sorted. */
  systemNamespaces: string[];
  workloadNamespaces: string[];
}

/**
 * Splits a pool's workloads by namespace. Pods of the workloads the roll-up
 * left out (`otherPods`) have no namespace and count for neither side.
 */
export function splitWorkloads(workloads: PoolWorkloads | undefined): WorkloadSplit | undefined {
  if (!workloads) return undefined;
  const split: WorkloadSplit = { systemPods: 0, workloadPods: 0, systemNamespaces: [], workloadNamespaces: [] };
  const system = new Set<string>();
  const teams = new Set<string>();
  for (const workload of workloads.workloads) {
    if (workload.pods <= 0) continue;
    if (isSystemNamespace(workload.namespace)) {
      split.systemPods += workload.pods;
      system.add(workload.namespace);
    } else {
      split.workloadPods += workload.pods;
      teams.add(workload.namespace);
    }
  }
  split.systemNamespaces = [...system].sort();
  split.workloadNamespaces = [...teams].sort();
  return split;
}
