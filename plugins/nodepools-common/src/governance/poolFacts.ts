import type { MachineCatalog } from '../machines/catalog';
import type { MachineCloud, MachineType } from '../machines/types';
import type { NodePool, PoolRequirement, Taint } from '../model/pool';
import { cloudOfPool } from '../pricing/poolCost';
import { implicitTaintsOf } from '../providers/nodeFacts';
import { providerProfile } from '../providers/registry';

/** The device plugin's resource and taint key of NVIDIA GPUs. */
const GPU_RESOURCE = 'nvidia.com/gpu';

/** Effects that keep pods without a toleration off a node. */
const REPELLING_EFFECTS: ReadonlySet<string> = new Set(['NoSchedule', 'NoExecute']);

/** A pool's machine types as the catalog knows them, and their cloud. */
export interface PoolMachines {
  cloud?: MachineCloud;
  types: MachineType[];
}

export function poolMachines(pool: NodePool, catalog: MachineCatalog): PoolMachines {
  const cloud = cloudOfPool(pool, catalog);
  if (!cloud) return { types: [] };
  const types = pool.machineTypes
    .map(name => catalog.get(cloud, name))
    .filter((type): type is MachineType => type !== undefined);
  return { cloud, types };
}

/**
 * The NoSchedule and NoExecute taints a pool's nodes carry: its own, those
 * its provider adds by itself (AKS spot pools, GKE GPU pools, EKS Auto
 * Mode's system NodePool; see the profiles' `implicitTaints`; DOKS GPU
 * pools), and those every observed node carries.
 */
export function repellingTaints(pool: NodePool, types: readonly MachineType[]): Taint[] {
  const taints = pool.taints.filter(t => REPELLING_EFFECTS.has(t.effect));
  const implicit = implicitTaintsOf(providerProfile(pool.provider), {
    capacityType: pool.capacityType,
    gpus: Math.max(0, ...types.map(t => t.gpus)),
    poolName: pool.name,
    requirements: pool.requirements,
  });
  for (const { taint } of implicit) {
    if (REPELLING_EFFECTS.has(taint.effect) && !taints.some(t => t.key === taint.key)) taints.push(taint);
  }
  // DOKS taints GPU nodes itself; its profile says so only among the taints drift ignores.
  if (types.some(t => t.gpus > 0)) {
    for (const taint of providerProfile(pool.provider).iac.drift.implicitTaints) {
      if (taint.key === GPU_RESOURCE && REPELLING_EFFECTS.has(taint.effect) && !taints.some(t => t.key === taint.key)) {
        taints.push(taint);
      }
    }
  }
  const nodes = pool.observed?.nodeCount ?? 0;
  for (const mark of pool.observed?.taints ?? []) {
    if (nodes > 0 && mark.nodes >= nodes && mark.effect && REPELLING_EFFECTS.has(mark.effect)) {
      if (!taints.some(t => t.key === mark.key)) taints.push({ key: mark.key, value: mark.value, effect: mark.effect });
    }
  }
  return taints;
}

export type SpecialisationKind = 'gpu' | 'accelerator' | 'high-memory';

/** Why a pool is specialised: what its nodes have that ordinary pods should not take. */
export interface Specialisation {
  kind: SpecialisationKind;
  /** What says so: a machine type, a label or a requirement. */
  because: string;
}

/** Node labels that mark GPU or accelerator nodes, by the device plugins and the clouds. */
export const ACCELERATOR_LABEL_KEYS: readonly string[] = [
  'nvidia.com/gpu',
  'nvidia.com/gpu.present',
  'nvidia.com/gpu.product',
  'amd.com/gpu',
  'cloud.google.com/gke-accelerator',
  'cloud.google.com/gke-tpu-accelerator',
  'k8s.amazonaws.com/accelerator',
  'aws.amazon.com/neuron',
  'accelerator',
];

/** Karpenter requirement keys that ask for GPUs or accelerators (AWS, EKS Auto Mode, Azure). */
const ACCELERATOR_REQUIREMENT = /(instance-gpu-|instance-accelerator-|sku-gpu-)/;
/** EC2 instance categories of GPU and ML accelerator instances. */
const ACCELERATOR_CATEGORIES: ReadonlySet<string> = new Set(['g', 'p', 'inf', 'trn', 'dl', 'gr', 'vt']);
const CATEGORY_REQUIREMENT = /(karpenter\.k8s\.aws|eks\.amazonaws\.com)\/instance-category$/;

/** Memory per vCPU from which a machine is a high-memory one. */
export const HIGH_MEMORY_MIB_PER_VCPU = 8 * 1024;

function requiresAccelerator(requirement: PoolRequirement): boolean {
  const values = requirement.values ?? [];
  if (CATEGORY_REQUIREMENT.test(requirement.key)) {
    return requirement.operator === 'In' && values.length > 0 && values.every(v => ACCELERATOR_CATEGORIES.has(v));
  }
  if (!ACCELERATOR_REQUIREMENT.test(requirement.key)) return false;
  switch (requirement.operator) {
    case 'Exists':
      return true;
    case 'Gt':
      return values.length > 0 && Number(values[0]) >= 0;
    case 'In':
      return values.length > 0 && values.every(v => v !== '0');
    default:
      return false;
  }
}

/**
 * Whether a pool's nodes are GPU, accelerator or high-memory machines
 * (memory per vCPU of at least 8 GiB), from the machine catalog, the
 * pool's or its nodes' labels, and its Karpenter requirements.
 */
export function specialisation(pool: NodePool, types: readonly MachineType[]): Specialisation | undefined {
  const gpu = types.find(t => t.gpus > 0 || t.category === 'gpu');
  if (gpu) return { kind: 'gpu', because: `${gpu.name} has ${gpu.gpus} GPU${gpu.gpus === 1 ? '' : 's'}` };
  const accelerator = types.find(t => t.category === 'accelerator' || Object.keys(t.extendedResources).length > 0);
  if (accelerator) return { kind: 'accelerator', because: `${accelerator.name} has accelerators` };
  const labelKeys = [...Object.keys(pool.labels), ...(pool.observed?.labels ?? []).map(l => l.key)];
  const label = labelKeys.find(key => ACCELERATOR_LABEL_KEYS.includes(key));
  if (label) return { kind: 'gpu', because: `its nodes are labelled ${label}` };
  const requirement = (pool.requirements ?? []).find(requiresAccelerator);
  if (requirement) {
    return { kind: 'accelerator', because: `it requires ${requirement.key} ${requirement.operator} ${(requirement.values ?? []).join(',')}`.trim() };
  }
  const highMemory = types.find(t => t.vcpu > 0 && t.memoryMiB / t.vcpu >= HIGH_MEMORY_MIB_PER_VCPU);
  if (highMemory) {
    const perVcpu = highMemory.memoryMiB / highMemory.vcpu / 1024;
    return { kind: 'high-memory', because: `${highMemory.name} has ${perVcpu} GiB per vCPU` };
  }
  return undefined;
}
