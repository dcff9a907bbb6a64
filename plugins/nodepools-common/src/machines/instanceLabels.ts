import {
  ARCH_LABEL,
  ARCH_LABEL_BETA,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
} from '../providers/wellKnownLabels';
import type { MachineCloud, MachineType } from './types';

/**
 * Labels that describe the instance itself, per cloud: Karpenter filters
 * instance types by them (`karpenter.k8s.aws/instance-*`, and EKS Auto
 * Mode's `eks.amazonaws.com/instance-*`; `karpenter.azure.com/sku-*` on
 * Azure), and GKE labels nodes with their machine family and accelerator.
 */
const CLOUD_INSTANCE_LABELS: Record<MachineCloud, (machine: MachineType) => Record<string, string>> = {
  aws: machine => {
    const [family, size = ''] = machine.name.split('.');
    const values: Record<string, string> = {
      category: /^[a-z]+/.exec(family)?.[0] ?? family,
      family,
      generation: /\d+/.exec(family)?.[0] ?? '',
      size,
      cpu: String(machine.vcpu),
      memory: String(machine.memoryMiB),
      'gpu-count': String(machine.gpus),
    };
    if (machine.hypervisor) values.hypervisor = machine.hypervisor;
    if (machine.gpuModel) {
      values['gpu-name'] = machine.gpuModel;
      values['gpu-manufacturer'] = 'nvidia';
    }
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      labels[`karpenter.k8s.aws/instance-${key}`] = value;
      labels[`eks.amazonaws.com/instance-${key}`] = value;
    }
    return labels;
  },
  azure: machine => ({
    'karpenter.azure.com/sku-name': machine.name,
    'karpenter.azure.com/sku-family': machine.family,
    'karpenter.azure.com/sku-cpu': String(machine.vcpu),
    'karpenter.azure.com/sku-memory': String(machine.memoryMiB),
    'karpenter.azure.com/sku-gpu-count': String(machine.gpus),
  }),
  gcp: machine => ({
    'cloud.google.com/machine-family': machine.family,
    ...(machine.gpuModel ? { 'cloud.google.com/gke-accelerator': machine.gpuModel } : {}),
  }),
  digitalocean: () => ({}),
};

/** Prefixes of the instance labels above that a requirement can test against a machine type. */
const INSTANCE_KEY_PREFIXES = ['karpenter.k8s.aws/instance-', 'eks.amazonaws.com/instance-', 'karpenter.azure.com/sku-'];

/** Worked out once per machine type: a provisioner's pools ask for every type of the catalog. */
const labelsOfMachine = new WeakMap<MachineType, Readonly<Record<string, string>>>();

/** The labels a node of this machine type carries because of the machine: its type, architecture and cloud's instance labels. Shared: copy before changing. */
export function instanceLabels(machine: MachineType): Readonly<Record<string, string>> {
  let labels = labelsOfMachine.get(machine);
  if (!labels) {
    labels = Object.freeze({
      [INSTANCE_TYPE_LABEL]: machine.name,
      [INSTANCE_TYPE_LABEL_BETA]: machine.name,
      [ARCH_LABEL]: machine.arch,
      [ARCH_LABEL_BETA]: machine.arch,
      ...CLOUD_INSTANCE_LABELS[machine.cloud](machine),
    });
    labelsOfMachine.set(machine, labels);
  }
  return labels;
}

/** Whether a requirement on this key is a question about the machine type itself. */
export function isInstanceLabelKey(key: string): boolean {
  return (
    key === INSTANCE_TYPE_LABEL ||
    key === INSTANCE_TYPE_LABEL_BETA ||
    key === ARCH_LABEL ||
    INSTANCE_KEY_PREFIXES.some(prefix => key.startsWith(prefix))
  );
}
