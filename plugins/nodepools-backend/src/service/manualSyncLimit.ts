import type { CacheService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { CustomErrorBase } from '@backstage/errors';
import { readDurationMs } from '../inventory/freshness';

const DEFAULT_MIN_INTERVAL_MS = 60_000;

/** `nodepools.manualSync.minInterval`: how often one source may be synced by hand (default one minute). */
export function readManualSyncInterval(config: Config): number {
  return readDurationMs(config, 'nodepools.manualSync.minInterval') ?? DEFAULT_MIN_INTERVAL_MS;
}

/** A 429 in Backstage's error format; the handler sets `Retry-After`. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  statusCode = 429 as const;
}

/**
 * At most one manual sync per source per interval: each sync calls a
 * cloud, and a button pressed in a loop should not turn into API quota
 * spent. The last sync time lives in the plugin's cache, so replicas
 * sharing a cache store (Redis, Memcache, Valkey) share the limit; with
 * the default memory store each replica counts its own.
 */
export class ManualSyncLimiter {
  constructor(
    private readonly cache: CacheService,
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private key(sourceId: string): string {
    return `manual-sync:${sourceId}`;
  }

  /**
   * Takes the source's slot for this interval; returns the milliseconds
   * until the next one instead when a sync took it already.
   */
  async reserve(sourceId: string): Promise<number | undefined> {
    const now = this.now();
    const last = await this.cache.get<number>(this.key(sourceId));
    if (typeof last === 'number' && now - last < this.minIntervalMs && now >= last) {
      return this.minIntervalMs - (now - last);
    }
    await this.cache.set(this.key(sourceId), now, { ttl: this.minIntervalMs });
    return undefined;
  }

  /** Gives the slot back when the sync could not be started (an unknown source). */
  async release(sourceId: string): Promise<void> {
    await this.cache.delete(this.key(sourceId));
  }
}
