/** Node labels Kubernetes itself defines, which every provider sets. */

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const ZONE_LABEL_BETA = 'failure-domain.beta.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';
export const REGION_LABEL_BETA = 'failure-domain.beta.kubernetes.io/region';
export const ARCH_LABEL = 'kubernetes.io/arch';
export const ARCH_LABEL_BETA = 'beta.kubernetes.io/arch';
export const OS_LABEL = 'kubernetes.io/os';
export const OS_LABEL_BETA = 'beta.kubernetes.io/os';
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';
export const INSTANCE_TYPE_LABEL_BETA = 'beta.kubernetes.io/instance-type';

export const INSTANCE_TYPE_LABELS: readonly string[] = [INSTANCE_TYPE_LABEL, INSTANCE_TYPE_LABEL_BETA];
export const ZONE_LABELS: readonly string[] = [ZONE_LABEL, ZONE_LABEL_BETA];
