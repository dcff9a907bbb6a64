import type { MachineCloud } from '../machines/types';
import type { CapacityType, Provider } from '../model/pool';

/*
 * What each kind of pool request takes, per cloud. These are facts about the
 * clouds' pool APIs (which fields a node group, node pool or NodePool has),
 * kept in one place so the form, the body schema, the policy checks and the
 * renderers agree.
 */

export const REQUEST_KINDS = ['eks-managed-node-group', 'karpenter-nodepool', 'gke-node-pool', 'aks-node-pool', 'doks-node-pool'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Optional fields of a request spec that only some kinds take. */
export const KIND_SPECIFIC_FIELDS = ['mode', 'zones', 'maxPodsPerNode', 'diskSizeGb', 'resourceGroup', 'nodeClass'] as const;
export type KindSpecificField = (typeof KIND_SPECIFIC_FIELDS)[number];

export interface RequestKindProfile {
  kind: RequestKind;
  /** The provider of the pool once it exists in the inventory. */
  provider: Provider;
  /** Providers of the clusters a pool of this kind can be requested in. */
  clusterProviders: readonly Provider[];
  /** Human name, for forms and messages. */
  title: string;
  /** The machine catalog's clouds the pool's machine types come from. */
  clouds: readonly MachineCloud[];
  /** How many machine types the pool takes: EKS and Karpenter take several, the others one. */
  machineTypes: { min: number; max: number };
  capacityTypes: readonly CapacityType[];
  /** False for Karpenter: it provisions nodes on demand, bounded by `autoscaling.max` (rendered as spec.limits). */
  fixedCount: boolean;
  /** Whether the pool takes an autoscaler minimum above 0. */
  autoscalerMin: boolean;
  windows: boolean;
  fields: readonly KindSpecificField[];
  /** Zones are required: GKE counts nodes per zone. */
  zonesRequired: boolean;
}

export const REQUEST_KIND_PROFILES: Readonly<Record<RequestKind, RequestKindProfile>> = {
  'eks-managed-node-group': {
    kind: 'eks-managed-node-group',
    provider: 'eks',
    clusterProviders: ['eks'],
    title: 'EKS managed node group',
    clouds: ['aws'],
    machineTypes: { min: 1, max: 20 },
    capacityTypes: ['on-demand', 'spot'],
    fixedCount: true,
    autoscalerMin: true,
    windows: true,
    fields: ['diskSizeGb'],
    zonesRequired: false,
  },
  'karpenter-nodepool': {
    kind: 'karpenter-nodepool',
    provider: 'karpenter',
    clusterProviders: ['eks', 'aks', 'karpenter', 'kubernetes'],
    title: 'Karpenter NodePool',
    clouds: ['aws', 'azure'],
    machineTypes: { min: 1, max: 50 },
    capacityTypes: ['on-demand', 'spot', 'mixed'],
    fixedCount: false,
    autoscalerMin: false,
    windows: true,
    fields: ['zones', 'nodeClass'],
    zonesRequired: false,
  },
  'gke-node-pool': {
    kind: 'gke-node-pool',
    provider: 'gke',
    clusterProviders: ['gke'],
    title: 'GKE node pool',
    clouds: ['gcp'],
    machineTypes: { min: 1, max: 1 },
    capacityTypes: ['on-demand', 'spot'],
    fixedCount: true,
    autoscalerMin: true,
    windows: true,
    fields: ['zones', 'maxPodsPerNode', 'diskSizeGb'],
    zonesRequired: true,
  },
  'aks-node-pool': {
    kind: 'aks-node-pool',
    provider: 'aks',
    clusterProviders: ['aks'],
    title: 'AKS node pool',
    clouds: ['azure'],
    machineTypes: { min: 1, max: 1 },
    capacityTypes: ['on-demand', 'spot'],
    fixedCount: true,
    autoscalerMin: true,
    windows: true,
    fields: ['mode', 'zones', 'maxPodsPerNode', 'diskSizeGb', 'resourceGroup'],
    zonesRequired: false,
  },
  'doks-node-pool': {
    kind: 'doks-node-pool',
    provider: 'doks',
    clusterProviders: ['doks'],
    title: 'DigitalOcean node pool',
    clouds: ['digitalocean'],
    machineTypes: { min: 1, max: 1 },
    capacityTypes: ['on-demand'],
    fixedCount: true,
    autoscalerMin: true,
    windows: false,
    fields: [],
    zonesRequired: false,
  },
};

/** The kind of request that creates a pool of this provider in a cluster of this provider. */
export function requestKindOf(provider: Provider): RequestKind | undefined {
  return REQUEST_KINDS.find(kind => REQUEST_KIND_PROFILES[kind].provider === provider);
}

/**
 * Taints a cloud puts on a pool itself. AKS taints every Spot pool
 * `kubernetes.azure.com/scalesetpriority=spot:NoSchedule`.
 */
export function implicitTaintKeys(kind: RequestKind, capacityType: CapacityType): string[] {
  return kind === 'aks-node-pool' && capacityType === 'spot' ? ['kubernetes.azure.com/scalesetpriority'] : [];
}
