import path from 'node:path';
import type {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { findPaths } from '@backstage/cli-common';
import type { Config } from '@backstage/config';
import { FileSource, readPoolFiles } from './file/FileSource';
import { createAksSources } from './aks';
import { createDoksSources } from './doks';
import { createEksSources } from './eks';
import { createGkeSources } from './gke';
import { KarpenterSource } from './karpenter';
import {
  ClusterConnector,
  KubernetesNodesSource,
  readKubernetesClusters,
} from './kubernetes';
import type { PoolSource } from './types';

export interface ScheduledSource {
  source: PoolSource;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Scheduled tasks its scopes are shared out between (default 1). */
  shards?: number;
}

/** `shards` of a cloud source block or of `nodepools.kubernetes`: a whole number from 1. */
export function readShards(block: Config | undefined, at: string): number | undefined {
  const shards = block?.getOptionalNumber('shards');
  if (shards !== undefined && (!Number.isInteger(shards) || shards < 1 || shards > 1000)) {
    throw new Error(`Invalid number at '${at}.shards': expected a whole number from 1 to 1000, got ${shards}`);
  }
  return shards;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 2 },
};

/** The schedule of a source: its own block, else `nodepools.schedule`, else every 5 minutes. */
export function readSchedule(
  config: Config,
  own?: Config,
): SchedulerServiceTaskScheduleDefinition {
  const block = own ?? config.getOptionalConfig('nodepools.schedule');
  return block
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(block)
    : DEFAULT_SCHEDULE;
}

/**
 * Relative file paths are resolved against the app's root directory (the one
 * holding the root package.json and app-config.yaml), wherever the backend
 * process was started from.
 */
export function appRootDir(): string {
  try {
    return findPaths(process.cwd()).targetRoot;
  } catch {
    return path.resolve('.');
  }
}

/** Every source configured under `nodepools.sources`. */
export function createSources(
  config: Config,
  deps: { logger: LoggerService; connector: ClusterConnector },
): ScheduledSource[] {
  const sources: ScheduledSource[] = [];
  const files = readPoolFiles(config);
  if (files.length) {
    sources.push({
      source: new FileSource(files, appRootDir()),
      schedule: readSchedule(
        config,
        config.getOptionalConfig('nodepools.sources.filesSchedule'),
      ),
    });
  }
  const cloudFactories = {
    eks: createEksSources,
    gke: createGkeSources,
    aks: createAksSources,
    doks: createDoksSources,
  };
  for (const [kind, create] of Object.entries(cloudFactories)) {
    const blocks = config.getOptionalConfigArray(`nodepools.sources.${kind}`) ?? [];
    for (const source of create(config, deps)) {
      const index = blocks.findIndex(b => b.getOptionalString('id') === source.id);
      const own = blocks[index];
      const shards = readShards(own, `nodepools.sources.${kind}[${index}]`);
      sources.push({
        source,
        schedule: readSchedule(config, own?.getOptionalConfig('schedule')),
        ...(shards ? { shards } : {}),
      });
    }
  }
  sources.push(...createClusterSources(config, deps));
  return sources;
}

/**
 * Karpenter NodePools and observed nodes of the clusters Backstage's
 * kubernetes plugin is configured with (`kubernetes.clusterLocatorMethods`).
 */
function createClusterSources(
  config: Config,
  { logger, connector }: { logger: LoggerService; connector: ClusterConnector },
): ScheduledSource[] {
  const { clusters, warnings } = readKubernetesClusters(config);
  for (const warning of warnings) logger.warn(warning);
  if (!clusters.length) return [];
  const settings = config.getOptionalConfig('nodepools.kubernetes');
  const schedule = readSchedule(config, settings?.getOptionalConfig('schedule'));
  const shards = readShards(settings, 'nodepools.kubernetes');
  const sources: ScheduledSource[] = [];
  if (settings?.getOptionalBoolean('karpenter') ?? true) {
    sources.push({
      source: KarpenterSource.fromConfig(config, {
        connector,
        logger: logger.child({ source: 'karpenter' }),
      }),
      schedule,
      ...(shards ? { shards } : {}),
    });
  }
  if (settings?.getOptionalBoolean('observeNodes') ?? true) {
    sources.push({
      source: KubernetesNodesSource.fromConfig(config, {
        connector,
        logger: logger.child({ source: 'kubernetes' }),
      }),
      schedule,
      ...(shards ? { shards } : {}),
    });
  }
  return sources;
}
