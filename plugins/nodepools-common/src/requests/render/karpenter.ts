import type { RenderContext } from './context';

/*
 * The Karpenter NodePool (karpenter.sh/v1) for the approved spec, as plain
 * data: the YAML library and the HCL renderer quote it.
 */

/** The node class API of the cloud the NodePool's nodes run on. */
function nodeClassRef(ctx: RenderContext): Record<string, string> {
  const azure = ctx.cluster.provider === 'aks' || ctx.types[0]?.cloud === 'azure';
  return azure
    ? { group: 'karpenter.azure.com', kind: 'AKSNodeClass', name: ctx.spec.nodeClass ?? 'default' }
    : { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: ctx.spec.nodeClass ?? 'default' };
}

const CAPACITY_VALUES: Readonly<Record<string, string[]>> = {
  'on-demand': ['on-demand'],
  spot: ['spot'],
  mixed: ['spot', 'on-demand'],
};

export function karpenterNodePool(ctx: RenderContext, notes: string[]): Record<string, unknown> {
  const { spec } = ctx;
  const requirements: Array<Record<string, unknown>> = [
    { key: 'karpenter.sh/capacity-type', operator: 'In', values: CAPACITY_VALUES[spec.capacityType] ?? ['on-demand'] },
    { key: 'kubernetes.io/arch', operator: 'In', values: [ctx.arch] },
    { key: 'kubernetes.io/os', operator: 'In', values: [spec.os] },
    { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...spec.machineTypes] },
  ];
  if (spec.zones.length) requirements.push({ key: 'topology.kubernetes.io/zone', operator: 'In', values: [...spec.zones] });
  const templateSpec: Record<string, unknown> = { nodeClassRef: nodeClassRef(ctx), requirements };
  if (spec.taints.length) {
    templateSpec.taints = spec.taints.map(t => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect }));
  }
  const pool: Record<string, unknown> = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: spec.name },
    spec: {
      template: { metadata: { labels: { ...spec.labels } }, spec: templateSpec },
    },
  };
  // Karpenter bounds a NodePool by resources, not nodes: max nodes of the largest type.
  const largest = Math.max(0, ...ctx.types.map(t => t.vcpu));
  if (largest > 0 && ctx.types.length === spec.machineTypes.length) {
    (pool.spec as Record<string, unknown>).limits = { cpu: String(ctx.max * largest) };
    notes.push(`spec.limits.cpu ${ctx.max * largest} allows ${ctx.max} nodes of the largest type (${largest} vCPU)`);
  } else {
    notes.push('spec.limits is left out: a machine type is not in the catalog, so the node limit cannot be turned into vCPUs');
  }
  return pool;
}
