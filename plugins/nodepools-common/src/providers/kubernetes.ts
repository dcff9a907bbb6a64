import type { ProviderProfile } from './types';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS } from './wellKnownLabels';

/**
 * Pools seen only through their nodes: self-managed groups (eksctl
 * unmanaged node groups, kOps instance groups) and nodes no pool label
 * names. No cloud defines them, so no console shows them and nothing
 * adds their nodes.
 */
export const kubernetesProfile: ProviderProfile = {
  provider: 'kubernetes',
  displayName: 'Kubernetes',
  cloud: 'none',
  growth: { kind: 'node-group' },
  nodeLabels: {
    pool: ['alpha.eksctl.io/nodegroup-name', 'kops.k8s.io/instancegroup'],
    poolSetByProvider: false,
    capacityType: [],
    instanceType: INSTANCE_TYPE_LABELS,
    zone: ZONE_LABELS,
  },
  implicitTaints: [],
  transientTaintKeys: [],
  podIps: {
    // The kubelet's own default.
    networks: [{ kind: 'per-node', id: 'kubelet', name: 'kubelet default', maxPods: 110 }],
    defaultNetwork: 'kubelet',
    whenExhausted: "give the node's pod network more free addresses",
  },
  consoleUrl: () => undefined,
  iac: { terraformResourceTypes: [] },
};
