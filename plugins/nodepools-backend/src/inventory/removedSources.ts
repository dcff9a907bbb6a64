import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { PoolStore } from '../store/PoolStore';
import { readDurationMs } from './freshness';

const DEFAULT_GRACE_PERIOD_MS = 24 * 60 * 60 * 1000;

/** `nodepools.removedSources.gracePeriod`: how long a removed source's pools stay live (default one day). */
export function readRemovedSourcesGracePeriod(config: Config): number {
  return (
    readDurationMs(config, 'nodepools.removedSources.gracePeriod') ??
    DEFAULT_GRACE_PERIOD_MS
  );
}

/** When the pools of a source removed at `removedAt` are tombstoned. */
export function tombstoneAt(removedAt: string, gracePeriodMs: number): string {
  return new Date(Date.parse(removedAt) + gracePeriodMs).toISOString();
}

/**
 * Compares the sources this backend is configured with to those the store
 * has recorded: a recorded source missing from config is marked removed
 * (it could be a mistake, so its pools stay live for the grace period) and
 * its pools are tombstoned once the grace period has passed; one configured
 * again is restored. It runs only from a backend that started, so with a
 * config that was read in full: a config that fails to load never removes
 * anything.
 */
export async function retireRemovedSources(options: {
  store: Pick<PoolStore, 'markRemovedSources' | 'retireRemovedSources'>;
  configuredIds: string[];
  gracePeriodMs: number;
  logger: LoggerService;
  now?: Date;
}): Promise<void> {
  const { store, logger } = options;
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const { removed, restored } = await store.markRemovedSources(options.configuredIds, at);
  for (const id of removed) {
    logger.warn(
      `Source ${id} is no longer configured; its pools will be tombstoned at ${tombstoneAt(at, options.gracePeriodMs)} unless it is configured again`,
    );
  }
  for (const id of restored) logger.info(`Source ${id} is configured again`);
  const removedBefore = new Date(now.getTime() - options.gracePeriodMs).toISOString();
  for (const source of await store.retireRemovedSources(removedBefore, at)) {
    logger.info(
      `Source ${source.id}, removed from config at ${source.removedAt}: ${source.tombstoned} pools tombstoned`,
    );
  }
}
