/** Karpenter objects in the API's JSON shape, with only what a test sets. */
export function nodePool(
  name: string,
  options: {
    apiVersion?: string;
    capacityTypes?: string[];
    taints?: Array<{ key: string; effect: string }>;
    nodes?: number;
    labels?: Record<string, string>;
  } = {},
) {
  return {
    apiVersion: options.apiVersion ?? 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      name,
      labels: options.labels ?? {},
      resourceVersion: '4242',
      managedFields: [{ manager: 'karpenter', operation: 'Update', time: '2025-06-01T00:00:00Z' }],
    },
    spec: {
      template: {
        metadata: { labels: { team: 'platform' } },
        spec: {
          requirements: [
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: options.capacityTypes ?? ['on-demand'] },
            { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
          ],
          ...(options.taints ? { taints: options.taints } : {}),
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        },
      },
      limits: { cpu: '1000', memory: '1000Gi' },
    },
    ...(options.nodes !== undefined ? { status: { nodes: options.nodes } } : {}),
  };
}

export function nodeClaim(name: string, pool: string, how: 'label' | 'owner' = 'label') {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodeClaim',
    metadata: {
      name,
      ...(how === 'label'
        ? { labels: { 'karpenter.sh/nodepool': pool } }
        : { ownerReferences: [{ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', name: pool }] }),
    },
    spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' } },
  };
}
