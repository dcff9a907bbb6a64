import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { countPools, planInventory, type ClusterPlan } from './plan';
import { renderCluster } from './render';

/** One generated export, as a `nodepools.sources.files` entry. */
export interface GeneratedFile {
  path: string;
  cluster?: string;
  region?: string;
  account?: string;
}

export interface GeneratedInventory {
  dir: string;
  plans: ClusterPlan[];
  files: GeneratedFile[];
  poolCount: number;
  bytes: number;
}

/** Bounds open files while writing thousands of exports. */
const WRITE_CONCURRENCY = 32;

async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += WRITE_CONCURRENCY) {
    await Promise.all(items.slice(i, i + WRITE_CONCURRENCY).map(fn));
  }
}

/** Writes the export files of the given clusters; returns the bytes written. */
export async function writeClusters(dir: string, plans: readonly ClusterPlan[]): Promise<number> {
  let bytes = 0;
  await inBatches(plans, async plan => {
    const rendered = renderCluster(plan);
    bytes += Buffer.byteLength(rendered.text);
    await fs.writeFile(path.join(dir, rendered.fileName), rendered.text);
  });
  return bytes;
}

/**
 * Generates `clusters` clusters (5 pools each on average) and writes one
 * export file per cluster into `dir`, which must exist.
 */
export async function writeInventory(options: {
  dir: string;
  clusters: number;
  seed?: number;
  /** Spread the workload pools over this many owner groups instead of one team per cluster. */
  ownerGroups?: number;
}): Promise<GeneratedInventory> {
  const plans = planInventory({ clusters: options.clusters, seed: options.seed ?? 20261125, ownerGroups: options.ownerGroups });
  const bytes = await writeClusters(options.dir, plans);
  const files = plans.map(plan => {
    const { fileName, context } = renderCluster(plan);
    return { path: path.join(options.dir, fileName), ...context };
  });
  return { dir: options.dir, plans, files, poolCount: countPools(plans), bytes };
}

/** The files as the `nodepools.sources.files` block of an app-config. */
export function sourcesConfigYaml(files: readonly GeneratedFile[]): string {
  return stringify({ nodepools: { sources: { files } } });
}
