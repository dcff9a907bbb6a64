export type * from './types';
export {
  PROVIDER_PROFILES,
  POOL_LABELS,
  SELF_MANAGED_PROVIDER,
  cloudProfiles,
  providerOfPoolLabel,
  providerProfile,
} from './registry';
export type { PoolLabel } from './registry';
export { podIpMaxPods, prefixDelegationMaxPodsOf, interfaceMaxPods, podNetwork } from './podIps';
export type { PodIpMachine, PodIpOptions } from './podIps';
export { capacityTypeLabels, capacityTypeOfNode, implicitTaintsOf, modeLabels } from './nodeFacts';
export type { TaintContext } from './nodeFacts';
