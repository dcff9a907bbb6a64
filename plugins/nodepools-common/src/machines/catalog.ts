import type { Architecture } from '../model/pool';
import { ARCHITECTURES } from '../model/pool';
import { parseQuantity } from '../quantity/parse';
import { AZURE_VM_SIZES } from './data/azure';
import { DIGITALOCEAN_SIZES } from './data/digitalocean';
import { EC2_INSTANCE_TYPES } from './data/ec2';
import { GCE_MACHINE_TYPES } from './data/gce';
import {
  AKS_DEFAULT_MAX_PODS,
  DOKS_MAX_PODS,
  GKE_DEFAULT_MAX_PODS,
  eniMaxPods,
} from './maxPods';
import {
  MACHINE_CATEGORIES,
  MACHINE_CLOUDS,
  type MachineCategory,
  type MachineCloud,
  type MachineType,
  type MachineTypeInput,
} from './types';

/** Looks machine types up by cloud and name. Names are case-sensitive, as the clouds spell them. */
export interface MachineCatalog {
  get(cloud: MachineCloud, name: string): MachineType | undefined;
  /** By name alone, for nodes whose cloud is not known; names do not collide across clouds. */
  find(name: string): MachineType | undefined;
  list(cloud?: MachineCloud): readonly MachineType[];
}

/** A machine type row from config that cannot be used. */
export class MachineTypeInputError extends Error {
  readonly index: number;
  readonly field: string;
  constructor(index: number, field: string, message: string) {
    super(`machine type ${index}: field '${field}': ${message}`);
    this.name = 'MachineTypeInputError';
    this.index = index;
    this.field = field;
  }
}

function ec2Category(family: string, gpus: number, accelerators: number): MachineCategory {
  if (gpus > 0) return 'gpu';
  if (accelerators > 0) return 'accelerator';
  switch (family[0]) {
    case 't':
      return 'burstable';
    case 'c':
      return 'compute';
    case 'r':
    case 'x':
      return 'memory';
    case 'i':
      return 'storage';
    default:
      return 'general';
  }
}

function ec2Types(): MachineType[] {
  return EC2_INSTANCE_TYPES.map(
    ([name, vcpu, memoryMiB, arch, gpus, gpuModel, neuron, enis, ipv4PerEni, hypervisor]) => {
      const family = name.split('.')[0];
      const extendedResources: Record<string, number> = {};
      if (gpus > 0) extendedResources['nvidia.com/gpu'] = gpus;
      if (neuron > 0) extendedResources['aws.amazon.com/neuron'] = neuron;
      return {
        cloud: 'aws',
        name,
        category: ec2Category(family, gpus, neuron),
        family,
        vcpu,
        memoryMiB,
        arch,
        gpus,
        gpuModel: gpuModel || undefined,
        extendedResources,
        enis,
        ipv4PerEni,
        hypervisor: hypervisor || undefined,
        defaultMaxPods: eniMaxPods(enis, ipv4PerEni),
        source: 'catalog',
      };
    },
  );
}

function gceCategory(name: string, gpus: number): MachineCategory {
  if (gpus > 0) return 'gpu';
  if (/^(e2-(micro|small|medium))$/.test(name)) return 'burstable';
  if (name.includes('highmem')) return 'memory';
  if (/^c\d/.test(name) || name.includes('highcpu')) return 'compute';
  return 'general';
}

function gceTypes(): MachineType[] {
  return GCE_MACHINE_TYPES.map(([name, vcpu, memoryMiB, arch, gpus, accelerator]) => ({
    cloud: 'gcp',
    name,
    category: gceCategory(name, gpus),
    family: name.split('-')[0],
    vcpu,
    memoryMiB,
    arch,
    gpus,
    gpuModel: accelerator || undefined,
    extendedResources: gpuResources(gpus),
    defaultMaxPods: GKE_DEFAULT_MAX_PODS,
    source: 'catalog',
  }));
}

/** `Standard_D4s_v5` -> `Dsv5`, `Standard_NC24ads_A100_v4` -> `NCadsA100v4`: the size without its vCPU count. */
function azureFamily(name: string): string {
  return name.replace(/^Standard_/, '').replace(/^([A-Z]+)\d+/, '$1').replace(/_/g, '');
}

function azureCategory(name: string, gpus: number): MachineCategory {
  if (gpus > 0) return 'gpu';
  const series = /^Standard_([A-Z]+)/.exec(name)?.[1] ?? '';
  if (series === 'B') return 'burstable';
  if (series === 'F') return 'compute';
  if (series === 'E' || series === 'M') return 'memory';
  if (series === 'L') return 'storage';
  return 'general';
}

function azureGpuModel(name: string): string | undefined {
  const stated = /_(T4|A100|H100|A10)_/.exec(name)?.[1];
  // ND96asr_v4 is the "ND A100 v4" size: its name does not state the GPU.
  return stated ?? (name === 'Standard_ND96asr_v4' ? 'A100' : undefined);
}

function azureTypes(): MachineType[] {
  return AZURE_VM_SIZES.map(([name, vcpu, memoryMiB, gpus, arch]) => ({
    cloud: 'azure',
    name,
    category: azureCategory(name, gpus),
    family: azureFamily(name),
    vcpu,
    memoryMiB,
    arch,
    gpus,
    gpuModel: gpus > 0 ? azureGpuModel(name) : undefined,
    extendedResources: gpuResources(gpus),
    defaultMaxPods: AKS_DEFAULT_MAX_PODS,
    source: 'catalog',
  }));
}

function digitalOceanCategory(slug: string, gpus: number): MachineCategory {
  if (gpus > 0) return 'gpu';
  if (slug.startsWith('c-')) return 'compute';
  if (slug.startsWith('m-')) return 'memory';
  if (slug.startsWith('g-') || slug.startsWith('gd-')) return 'general';
  return 'burstable';
}

function digitalOceanTypes(): MachineType[] {
  return DIGITALOCEAN_SIZES.map(([name, vcpu, memoryMiB, gpus, gpuModel]) => ({
    cloud: 'digitalocean',
    name,
    category: digitalOceanCategory(name, gpus),
    family: name.split('-')[0],
    vcpu,
    memoryMiB,
    arch: 'amd64',
    gpus,
    gpuModel: gpuModel || undefined,
    extendedResources: gpuResources(gpus),
    defaultMaxPods: DOKS_MAX_PODS,
    source: 'catalog',
  }));
}

function gpuResources(gpus: number): Record<string, number> {
  return gpus > 0 ? { 'nvidia.com/gpu': gpus } : {};
}

function key(cloud: MachineCloud, name: string): string {
  return `${cloud}/${name}`;
}

const DEFAULT_MAX_PODS: Record<MachineCloud, number> = {
  aws: 110,
  gcp: GKE_DEFAULT_MAX_PODS,
  azure: AKS_DEFAULT_MAX_PODS,
  digitalocean: DOKS_MAX_PODS,
};

function positive(index: number, field: string, value: unknown, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new MachineTypeInputError(index, field, `must be a positive number, got ${JSON.stringify(value)}`);
  }
  if (integer && !Number.isInteger(value)) {
    throw new MachineTypeInputError(index, field, `must be a whole number, got ${value}`);
  }
  return value;
}

function optionalPositive(index: number, field: string, value: unknown, integer = true) {
  return value === undefined ? undefined : positive(index, field, value, integer);
}

/**
 * Validates rows a user supplies (config, a file) and merges each onto the
 * catalog's row of the same cloud and name, or makes a new type. Errors name
 * the row index and field.
 */
export function mergeMachineTypeInput(
  input: unknown,
  index: number,
  existing: (cloud: MachineCloud, name: string) => MachineType | undefined,
): MachineType {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new MachineTypeInputError(index, '(row)', 'must be an object');
  }
  const row = input as Partial<Record<keyof MachineTypeInput, unknown>>;
  if (!MACHINE_CLOUDS.includes(row.cloud as MachineCloud)) {
    throw new MachineTypeInputError(index, 'cloud', `must be one of ${MACHINE_CLOUDS.join(', ')}, got ${JSON.stringify(row.cloud)}`);
  }
  if (typeof row.name !== 'string' || row.name.trim() === '') {
    throw new MachineTypeInputError(index, 'name', 'must be a non-empty string');
  }
  const cloud = row.cloud as MachineCloud;
  const base = existing(cloud, row.name);
  let memoryMiB = optionalPositive(index, 'memoryMiB', row.memoryMiB, false);
  if (row.memory !== undefined) {
    if (typeof row.memory !== 'string') {
      throw new MachineTypeInputError(index, 'memory', 'must be a quantity string such as 16Gi');
    }
    try {
      memoryMiB = parseQuantity(row.memory) / 2 ** 20;
    } catch (e) {
      throw new MachineTypeInputError(index, 'memory', (e as Error).message);
    }
  }
  const vcpu = optionalPositive(index, 'vcpu', row.vcpu, false) ?? base?.vcpu;
  memoryMiB = memoryMiB ?? base?.memoryMiB;
  if (vcpu === undefined) {
    throw new MachineTypeInputError(index, 'vcpu', `required for a machine type the catalog does not know (${row.name})`);
  }
  if (memoryMiB === undefined) {
    throw new MachineTypeInputError(index, 'memoryMiB', `required for a machine type the catalog does not know (${row.name})`);
  }
  if (row.arch !== undefined && !ARCHITECTURES.includes(row.arch as Architecture)) {
    throw new MachineTypeInputError(index, 'arch', `must be one of ${ARCHITECTURES.join(', ')}`);
  }
  if (row.category !== undefined && !MACHINE_CATEGORIES.includes(row.category as MachineCategory)) {
    throw new MachineTypeInputError(index, 'category', `must be one of ${MACHINE_CATEGORIES.join(', ')}`);
  }
  const gpus = row.gpus === undefined ? base?.gpus ?? 0 : row.gpus;
  if (typeof gpus !== 'number' || !Number.isInteger(gpus) || gpus < 0) {
    throw new MachineTypeInputError(index, 'gpus', 'must be a whole number, 0 or more');
  }
  let extendedResources = base?.extendedResources ?? {};
  if (row.extendedResources !== undefined) {
    if (typeof row.extendedResources !== 'object' || row.extendedResources === null) {
      throw new MachineTypeInputError(index, 'extendedResources', 'must be a map of resource name to count');
    }
    for (const [name, count] of Object.entries(row.extendedResources)) {
      positive(index, `extendedResources.${name}`, count, true);
    }
    extendedResources = row.extendedResources as Record<string, number>;
  } else if (row.gpus !== undefined) {
    extendedResources = { ...extendedResources };
    if (gpus > 0) extendedResources['nvidia.com/gpu'] = gpus;
    else delete extendedResources['nvidia.com/gpu'];
  }
  const enis = optionalPositive(index, 'enis', row.enis) ?? base?.enis;
  const ipv4PerEni = optionalPositive(index, 'ipv4PerEni', row.ipv4PerEni) ?? base?.ipv4PerEni;
  const networkChanged = row.enis !== undefined || row.ipv4PerEni !== undefined;
  const eniLimited =
    enis !== undefined && ipv4PerEni !== undefined ? eniMaxPods(enis, ipv4PerEni) : undefined;
  const defaultMaxPods =
    optionalPositive(index, 'defaultMaxPods', row.defaultMaxPods) ??
    (networkChanged ? eniLimited : undefined) ??
    base?.defaultMaxPods ??
    eniLimited ??
    DEFAULT_MAX_PODS[cloud];
  const text = (field: keyof MachineTypeInput): string | undefined => {
    const value = row[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      throw new MachineTypeInputError(index, field, 'must be a string');
    }
    return value;
  };
  return {
    cloud,
    name: row.name,
    category: (row.category as MachineCategory | undefined) ?? base?.category ?? (gpus > 0 ? 'gpu' : 'general'),
    family: text('family') ?? base?.family ?? row.name,
    vcpu,
    memoryMiB,
    arch: (row.arch as Architecture | undefined) ?? base?.arch ?? 'amd64',
    gpus,
    gpuModel: text('gpuModel') ?? base?.gpuModel,
    extendedResources,
    enis,
    ipv4PerEni,
    hypervisor: text('hypervisor') ?? base?.hypervisor,
    defaultMaxPods,
    source: 'config',
  };
}

class MapMachineCatalog implements MachineCatalog {
  private readonly byKey = new Map<string, MachineType>();
  private readonly byName = new Map<string, MachineType>();
  private readonly all: MachineType[];

  constructor(types: MachineType[]) {
    for (const type of types) this.byKey.set(key(type.cloud, type.name), type);
    this.all = [...this.byKey.values()];
    for (const type of this.all) this.byName.set(type.name, type);
  }

  get(cloud: MachineCloud, name: string) {
    return this.byKey.get(key(cloud, name));
  }

  find(name: string) {
    return this.byName.get(name);
  }

  list(cloud?: MachineCloud) {
    return cloud ? this.all.filter(t => t.cloud === cloud) : this.all;
  }
}

let bundled: MachineType[] | undefined;

/** The bundled rows of every cloud. */
export function bundledMachineTypes(): readonly MachineType[] {
  bundled ??= [...ec2Types(), ...gceTypes(), ...azureTypes(), ...digitalOceanTypes()];
  return bundled;
}

/**
 * The bundled catalog plus user rows (config or a file), which add new types
 * or override fields of known ones. Throws MachineTypeInputError naming the
 * first bad row and field.
 */
export function createMachineCatalog(extra: readonly unknown[] = []): MachineCatalog {
  const types = new Map<string, MachineType>();
  for (const type of bundledMachineTypes()) types.set(key(type.cloud, type.name), type);
  extra.forEach((row, index) => {
    const merged = mergeMachineTypeInput(row, index, (cloud, name) => types.get(key(cloud, name)));
    types.set(key(merged.cloud, merged.name), merged);
  });
  return new MapMachineCatalog([...types.values()]);
}

let defaultCatalog: MachineCatalog | undefined;

/** The bundled catalog, built once. */
export function defaultMachineCatalog(): MachineCatalog {
  defaultCatalog ??= createMachineCatalog();
  return defaultCatalog;
}
