import {
  defaultMachineCatalog,
  hourlyPrice,
  REQUEST_KIND_PROFILES,
  type CapacityType,
  type MachineType,
  type RequestKind,
} from '@nodepools/plugin-nodepools-common';
import { formatBytes } from './format';
import { formatUsd } from './requestFormat';

/** A machine type as the picker lists it: the catalog's facts and a list price per node and month. */
export interface MachineOption {
  machine: MachineType;
  /** USD per node and month in the cloud's reference region; absent when the bundled table has no price. */
  monthly?: number;
  /** Whether the price is an estimate (reference region, Spot discount...). */
  estimated: boolean;
}

const catalog = defaultMachineCatalog();

/**
 * The bundled catalog's machine types a kind of pool can use, cheapest
 * first. Prices are the bundled list prices of the reference region; the
 * request's own cost, with the cluster's region and configured rates,
 * comes from the backend's validation.
 */
export function machineOptions(kind: RequestKind, capacityType: CapacityType = 'on-demand'): MachineOption[] {
  const clouds = REQUEST_KIND_PROFILES[kind].clouds;
  return clouds
    .flatMap(cloud => catalog.list(cloud))
    .map(machine => {
      const price = hourlyPrice(machine, { cloud: machine.cloud, capacityType });
      return price.known
        ? { machine, monthly: price.monthly, estimated: price.estimated }
        : { machine, estimated: true };
    })
    .sort(
      (a, b) =>
        (a.monthly ?? Infinity) - (b.monthly ?? Infinity) || a.machine.name.localeCompare(b.machine.name),
    );
}

/** `4 vCPU · 16 GiB · arm64 · 1× a10g` */
export function machineFacts(machine: MachineType): string {
  return [
    `${machine.vcpu} vCPU`,
    formatBytes(machine.memoryMiB * 1024 * 1024),
    machine.arch,
    ...(machine.gpus ? [`${machine.gpus}× ${machine.gpuModel ?? 'GPU'}`] : []),
  ].join(' · ');
}

export function machinePriceText(option: MachineOption): string {
  if (option.monthly === undefined) return 'no list price';
  return `${option.estimated ? '≈ ' : ''}${formatUsd(option.monthly)}/mo`;
}

/** Text the picker's search matches: name, family, category, GPU model, architecture. */
export function machineSearchText(option: MachineOption): string {
  const m = option.machine;
  return [m.name, m.family, m.category, m.gpuModel ?? '', m.arch, m.gpus ? 'gpu' : ''].join(' ').toLowerCase();
}
