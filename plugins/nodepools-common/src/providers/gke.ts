import type { ProviderProfile } from './types';
import { query, segments } from './urls';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS } from './wellKnownLabels';

/** GKE node pools. */
export const gkeProfile: ProviderProfile = {
  provider: 'gke',
  displayName: 'GKE',
  cloud: 'gcp',
  growth: { kind: 'node-group' },
  nodeLabels: {
    pool: ['cloud.google.com/gke-nodepool'],
    poolSetByProvider: true,
    capacityType: [
      { key: 'cloud.google.com/gke-spot', value: 'true', capacityType: 'spot' },
      // Preemptible VMs, the older kind of spot capacity.
      { key: 'cloud.google.com/gke-preemptible', value: 'true', capacityType: 'spot', readOnly: true },
    ],
    instanceType: INSTANCE_TYPE_LABELS,
    zone: ZONE_LABELS,
  },
  implicitTaints: [
    {
      taint: { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      when: { gpu: true },
      why: 'GKE keeps GPU nodes for pods that tolerate their GPU taint',
    },
    {
      taint: { key: 'cloud.google.com/gke-spot', value: 'true', effect: 'NoSchedule' },
      when: { capacityType: 'spot', clusterMode: 'autopilot' },
      why: 'Autopilot keeps Spot nodes for Spot Pods',
    },
  ],
  transientTaintKeys: [],
  podIps: {
    networks: [
      { kind: 'per-node', id: 'standard', name: 'GKE Standard', maxPods: 110 },
      { kind: 'per-node', id: 'autopilot', name: 'GKE Autopilot', maxPods: 32 },
    ],
    defaultNetwork: 'standard',
    whenExhausted: "add a secondary Pod range to the cluster or lower the pool's max pods per node",
  },
  allocatableFormula: 'gke',
  consoleUrl: pool => {
    const location = pool.location ?? pool.region;
    if (!location) return undefined;
    return `https://console.cloud.google.com/kubernetes/nodepool/${segments(location, pool.cluster, pool.name)}${query({
      project: pool.account,
    })}`;
  },
  iac: { terraformResourceTypes: ['google_container_node_pool'] },
  cli: { name: 'gcloud', createPool: 'gcloud container node-pools create' },
};
