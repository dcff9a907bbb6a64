import { defaultMachineCatalog, type MachineCatalog } from '../../machines/catalog';
import type { MachineType } from '../../machines/types';
import { parseClusterRef, type ClusterIdentity } from '../../model/cluster';
import type { Architecture, Taint, TaintEffect } from '../../model/pool';
import { REQUEST_KIND_PROFILES } from '../kinds';
import type { PoolRequestSpec } from '../types';

/** What every renderer reads: the spec, its cluster and its machine types from the catalog. */
export interface RenderContext {
  spec: PoolRequestSpec;
  cluster: ClusterIdentity;
  types: MachineType[];
  arch: Architecture;
  gpu: boolean;
  /** The autoscaler's range, or the fixed count as a range of one size. */
  min: number;
  max: number;
  /** The count the pool starts with. */
  initial: number;
}

export interface RenderOptions {
  catalog?: MachineCatalog;
}

export function renderContext(spec: PoolRequestSpec, options: RenderOptions = {}): RenderContext {
  const catalog = options.catalog ?? defaultMachineCatalog();
  const clouds = REQUEST_KIND_PROFILES[spec.kind].clouds;
  const types = spec.machineTypes.flatMap(name => {
    const found = clouds.map(cloud => catalog.get(cloud, name)).find(Boolean);
    return found ? [found] : [];
  });
  const min = spec.autoscaling?.min ?? spec.nodeCount ?? 0;
  const max = spec.autoscaling?.max ?? spec.nodeCount ?? 0;
  return {
    spec,
    cluster: parseClusterRef(spec.cluster),
    types,
    arch: spec.arch ?? types[0]?.arch ?? 'amd64',
    gpu: types.some(t => t.gpus > 0),
    min,
    max,
    initial: Math.min(Math.max(spec.nodeCount ?? min, min), max),
  };
}

export const UPPER_EFFECTS: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

export function taintObject(t: Taint, upper: boolean): Record<string, string> {
  return { key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: upper ? UPPER_EFFECTS[t.effect] : t.effect };
}

/** `a=1` per label, in key order. */
export function labelPairs(labels: Record<string, string>): string[] {
  return Object.keys(labels)
    .sort()
    .map(key => `${key}=${labels[key]}`);
}

/** An EKS AMI type for the pool's OS, architecture and GPUs. */
export function eksAmiType(ctx: RenderContext): string {
  if (ctx.spec.os === 'windows') return 'WINDOWS_CORE_2022_x86_64';
  return `AL2023_${ctx.arch === 'arm64' ? 'ARM_64' : 'x86_64'}_${ctx.gpu ? 'NVIDIA' : 'STANDARD'}`;
}

/** The ARM id of an AKS cluster, when the cluster ref and the spec say all of it. */
export function aksClusterId(ctx: RenderContext): string | undefined {
  const { account } = ctx.cluster;
  const group = ctx.spec.resourceGroup;
  if (!account || !group) return undefined;
  return `/subscriptions/${account}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${ctx.cluster.cluster}`;
}

/** GKE counts per zone: the total spread evenly, rounded up. */
export function perZone(total: number, zones: number): number {
  return zones > 0 ? Math.ceil(total / zones) : total;
}
