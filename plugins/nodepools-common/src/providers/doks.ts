import type { ProviderProfile } from './types';
import { segments } from './urls';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS } from './wellKnownLabels';

/** DigitalOcean Kubernetes node pools. */
export const doksProfile: ProviderProfile = {
  provider: 'doks',
  displayName: 'DOKS',
  cloud: 'digitalocean',
  growth: { kind: 'node-group' },
  nodeLabels: {
    pool: ['doks.digitalocean.com/node-pool'],
    poolSetByProvider: true,
    capacityType: [],
    instanceType: INSTANCE_TYPE_LABELS,
    zone: ZONE_LABELS,
  },
  implicitTaints: [],
  transientTaintKeys: [],
  podIps: {
    networks: [{ kind: 'per-node', id: 'cilium', name: 'DOKS (Cilium)', maxPods: 110 }],
    defaultNetwork: 'cilium',
    whenExhausted: 'move the pods to more nodes: DOKS sets the pod addresses per node',
  },
  allocatableFormula: 'doks',
  consoleUrl: pool =>
    pool.clusterId
      ? `https://cloud.digitalocean.com/kubernetes/clusters/${segments(pool.clusterId)}/nodes`
      : 'https://cloud.digitalocean.com/kubernetes/clusters',
  iac: { terraformResourceTypes: ['digitalocean_kubernetes_node_pool'] },
  cli: { name: 'doctl', createPool: 'doctl kubernetes cluster node-pool create' },
};
