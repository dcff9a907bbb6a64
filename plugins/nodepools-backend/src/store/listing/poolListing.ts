import type { Knex } from 'knex';
import {
  DEFAULT_PAGE_SIZE,
  type PoolFacets,
  type PoolQuery,
  type PoolRestriction,
} from '@nodepools/plugin-nodepools-common';
import { encodeCursor } from '../cursor';
import type { ListedJson } from '../PoolStore';
import { applyPoolFilters, applyPoolPaging } from '../poolQuery';
import { poolsWithSyncState, syncStateColumns } from '../poolReads';
import { applyPoolRestriction } from '../poolRestriction';
import { freshnessOf, ownerStatusOf, type SyncStateRow } from '../rows';
import { stableJson } from '../stableJson';
import { listingTag, ifNoneMatchHits } from './etag';
import { buildListDocuments } from './listDocument';
import { readListingVersion, type ListingVersion } from './listingVersion';
import { LruCache } from './lruCache';


type ListRow = SyncStateRow & { list_json: string | null; sort_value: string | number };

const FACET_COLUMNS: Record<keyof PoolFacets, string> = {
  provider: 'provider',
  cluster: 'cluster',
  region: 'region',
  owner: 'owner',
  mode: 'mode',
  capacityType: 'capacity_type',
};

/** Most counts remembered (per filter set and change counter). */
const COUNT_ENTRIES = 2_000;

/** A list item: the stored document with what is derived when read. */
function itemJson(document: string, row: SyncStateRow, now: Date): string {
  const { lastSeenAt, staleReason } = freshnessOf(row, now);
  let read = `,"lastSeenAt":${JSON.stringify(lastSeenAt)},"stale":${staleReason !== null}`;
  if (staleReason !== null) read += `,"staleReason":${JSON.stringify(staleReason)}`;
  if (row.tombstoned_at) read += `,"tombstonedAt":${JSON.stringify(row.tombstoned_at)}`;
  read += `,"ownerStatus":${JSON.stringify(ownerStatusOf(row.pool_owner, row.owner_status))}`;
  return `${document.slice(0, -1)}${read}}`;
}

/**
 * `GET /pools` and `GET /pools/facets` as JSON, tagged with the store's
 * change counter. A caller that holds the current tag gets only the tag
 * back (one read of the counter, no pool row touched). Otherwise the page
 * is assembled from the pools' stored list documents, and kept, under its
 * tag, in a cache bounded in bytes; counts are kept per filter set until
 * the counter moves.
 */
export class PoolListing {
  readonly #pages: LruCache<string>;
  readonly #counts = new LruCache<number>(COUNT_ENTRIES, () => 1);
  readonly #cached: boolean;
  /**
   * Builds under way, by key: requests that arrive while a page (or a
   * count) is being built wait for that build instead of starting their
   * own, so a change, or a new minute, under load costs one build, not one
   * per request in flight.
   */
  readonly #building = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
    /** Bytes of JSON kept; 0 turns the page and count caches off. */
    cacheBytes: number,
  ) {
    this.#cached = cacheBytes > 0;
    this.#pages = new LruCache<string>(cacheBytes, json => json.length * 2);
  }

  async page(query: PoolQuery, ifNoneMatch?: string): Promise<ListedJson> {
    return this.#answer('pools', query, ifNoneMatch, version => this.#assemblePage(query, version));
  }

  async facets(ifNoneMatch?: string, restrict?: PoolRestriction): Promise<ListedJson> {
    return this.#answer('facets', { restrict }, ifNoneMatch, () => this.#facetsJson(restrict));
  }

  async #answer(
    what: string,
    query: unknown,
    ifNoneMatch: string | undefined,
    build: (version: ListingVersion) => Promise<string>,
  ): Promise<ListedJson> {
    // The counter first: whatever is read after it is at least as new as the tag says.
    const version = await readListingVersion(this.db);
    const etag = listingTag(version, this.now(), what, query);
    if (ifNoneMatchHits(ifNoneMatch, etag)) return { etag, notModified: true };
    if (!this.#cached) return { etag, notModified: false, json: await build(version) };
    const json =
      this.#pages.get(etag) ??
      (await this.#once(etag, async () => {
        const built = await build(version);
        this.#pages.set(etag, built);
        return built;
      }));
    return { etag, notModified: false, json };
  }

  /** Runs `build` once for concurrent callers of the same key. */
  #once<T>(key: string, build: () => Promise<T>): Promise<T> {
    const pending = this.#building.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const started = build().finally(() => this.#building.delete(key));
    this.#building.set(key, started);
    return started;
  }

  async #count(query: PoolQuery, version: ListingVersion): Promise<number> {
    const { cursor: _cursor, sort: _sort, order: _order, limit: _limit, ...filters } = query;
    const key = `${version.epoch}.${version.version}:${stableJson(filters)}`;
    // The joins only add sync state to each row, so the count goes without them.
    const count = async () => {
      const [row] = await applyPoolFilters(this.db('nodepools_pools as p'), query).count({ n: '*' });
      return Number(row.n);
    };
    if (!this.#cached) return count();
    return (
      this.#counts.get(key) ??
      this.#once(`count:${key}`, async () => {
        const counted = await count();
        this.#counts.set(key, counted);
        return counted;
      })
    );
  }

  async #assemblePage(query: PoolQuery, version: ListingVersion): Promise<string> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [totalCount, rows] = await Promise.all([
      this.#count(query, version),
      applyPoolPaging(
        this.db,
        applyPoolFilters(poolsWithSyncState(this.db, { observed: false }), query),
        query,
      ).select([...syncStateColumns(this.db), 'd.list_json']) as Promise<ListRow[]>,
    ]);
    const page = rows.slice(0, limit);
    const missing = page.filter(row => row.list_json === null).map(row => row.ref);
    // Written by a replica that predates list documents: built here, stored by the next start.
    const built = missing.length ? await buildListDocuments(this.db, missing) : undefined;
    const now = this.now();
    const items = page.map(row =>
      itemJson(row.list_json ?? built?.get(row.ref) ?? `{"ref":${JSON.stringify(row.ref)}}`, row, now),
    );
    let json = `{"items":[${items.join(',')}],"totalCount":${totalCount}`;
    if (rows.length > limit) {
      const last = page[page.length - 1];
      const value = typeof last.sort_value === 'string' ? last.sort_value : Number(last.sort_value);
      json += `,"nextCursor":${JSON.stringify(encodeCursor({ value, ref: last.ref }))}`;
    }
    return `${json}}`;
  }

  async #facetsJson(restrict?: PoolRestriction): Promise<string> {
    const entries = await Promise.all(
      Object.entries(FACET_COLUMNS).map(async ([facet, column]) => {
        const rows: Array<Record<string, string>> = await applyPoolRestriction(
          this.db('nodepools_pools as p'),
          restrict,
        )
          .whereNull('tombstoned_at')
          .whereNotNull(column)
          .distinct(column)
          .orderBy(column);
        return [facet, rows.map(r => r[column])];
      }),
    );
    return JSON.stringify(Object.fromEntries(entries));
  }
}
