import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PoolSource } from '../sources/types';
import type {
  ObservedUpdate,
  PoolStore,
  SourceSync,
  SyncSummary,
} from '../store/PoolStore';
import type { ScopeListing, SourceListOptions } from '../sources/types';
import { inShard, shardKey, type SyncShard } from '../store/shards';
import type { OwnerHints, OwnershipConfig } from './ownership';
import { preparePool } from './preparePool';
import { isObservingSource, splitObserved } from './splitObserved';

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Hints that cannot be read are left out with a warning: pools are then
 * owned as their own records say, and the next run tries again.
 */
async function loadOwnerHints(
  load: (() => Promise<OwnerHints>) | undefined,
  logger: LoggerService,
): Promise<OwnerHints> {
  if (!load) return {};
  try {
    return await load();
  } catch (error) {
    logger.warn(`Owners from outside the pools' records could not be read: ${errorMessage(error)}`);
    return {};
  }
}

/**
 * Runs one source and reconciles its answer into the store. A source that
 * throws is recorded as failed; its pools stay, marked stale.
 */
export async function syncSource(options: {
  source: PoolSource;
  store: PoolStore;
  ownership: OwnershipConfig;
  /** Owners from outside the pools' records (requests, the catalog), read at the start of the run. */
  ownerHints?: () => Promise<OwnerHints>;
  logger: LoggerService;
  /** Age of a scope's last complete listing beyond which its pools are stale. */
  staleAfterMs?: number;
  /** Precedence of the source's copies of pools over other sources' (see `precedence.ts`). */
  priority?: number;
  /** The shard of the source's scopes this run lists; all of them without. */
  shard?: SyncShard;
  signal?: AbortSignal;
  now?: () => Date;
}): Promise<SyncSummary> {
  const { source, store, ownership, logger, shard } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  let outcome: SourceSync['outcome'];
  let observed: ObservedUpdate[] = [];
  const listOptions: SourceListOptions = { signal: options.signal };
  if (shard) listOptions.includeScope = scope => inShard(scope, shard);
  // A source that lists other shards' scopes too: what it read of them is another shard's to write.
  const ours = <L extends { scope: string }>(listings: L[]) =>
    shard ? listings.filter(listing => inShard(listing.scope, shard)) : listings;
  try {
    let listings: ScopeListing[];
    if (isObservingSource(source)) {
      ({ listings, observed } = await splitObserved(
        ours(await source.listObserved(listOptions)),
        store,
      ));
    } else {
      listings = ours(await source.list(listOptions));
    }
    const hints = await loadOwnerHints(options.ownerHints, logger);
    outcome = {
      listings: listings.map(listing => ({
        ...listing,
        pools: listing.pools.map(pool => preparePool(pool, ownership, hints)),
      })),
    };
  } catch (error) {
    outcome = { error: errorMessage(error) };
  }
  const summary = await store.applySync({
    source: { id: source.id, kind: source.kind, target: source.target },
    startedAt,
    finishedAt: now().toISOString(),
    ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
    ...(options.priority !== undefined ? { priority: options.priority } : {}),
    ...(shard ? { shard } : {}),
    outcome,
  });
  if (observed.length) {
    summary.poolRowsWritten += await store.applyObserved(source.id, observed);
  }
  const failedScopes =
    'error' in outcome
      ? []
      : outcome.listings.filter(l => !l.complete || l.error);
  if ('error' in outcome) {
    logger.warn(`Source ${source.id} failed: ${outcome.error}`);
  } else if (failedScopes.length) {
    logger.warn(
      `Source ${source.id}: ${failedScopes.length} of ${outcome.listings.length} scopes failed; their pools are kept and marked stale: ${failedScopes
        .map(l => `${l.scope}: ${l.error ?? 'incomplete'}`)
        .join('; ')}`,
    );
  }
  logger.info(
    `Source ${source.id}${shard ? ` shard ${shardKey(shard)}` : ''} synced: ${summary.created} created, ${summary.updated} updated, ${summary.revived} revived, ${summary.tombstoned} tombstoned, ${summary.unchanged} unchanged, ${summary.outranked} held by sources of higher priority, ${summary.poolRowsWritten} rows written`,
  );
  return summary;
}
