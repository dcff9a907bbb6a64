import { createHash } from 'node:crypto';
import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { CatalogClusterEntity, PoolListItem } from '@nodepools/plugin-nodepools-common';
import { readCatalogClusters } from './catalogClusters';
import type { NodePoolsProviderConfig } from './config';
import { desiredEntities } from './desiredEntities';
import type { EntityContext } from './entities';
import { FeedGoneError, NodePoolsReader } from './NodePoolsReader';
import { filtersAsQuery, matchesFilters } from './poolFilters';

/** More changed pools than this in one run: every pool is read again instead. */
const MAX_DELTA_POOLS = 2000;

/** What one refresh did, for logs, tests and benchmarks. */
export interface RefreshSummary {
  type: 'full' | 'delta' | 'none';
  /** Pools changed according to the change feed (delta), or read (full). */
  poolsRead: number;
  /** Entities sent to the catalog as added or changed. */
  added: number;
  removed: number;
}

function hashOf(entity: Entity): string {
  return createHash('sha256').update(JSON.stringify(entity)).digest('hex');
}

/**
 * Publishes the live pools of the nodepools backend as catalog Resources
 * (`node-pool`), with a `kubernetes-cluster` Resource for each cluster the
 * catalog has no entity of. The first refresh reads every pool and applies
 * a full mutation; later ones read the change feed, fetch only the pools
 * it names, and apply a delta of only the entities that changed. A pool
 * leaves the catalog when it is tombstoned (or stops matching the
 * filters). State is kept in memory: after a restart, or when the change
 * feed no longer has the provider's cursor, it starts with a full read.
 */
export class NodePoolsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly reader: NodePoolsReader;
  private readonly context: EntityContext;
  private cursor?: number;
  private readonly pools = new Map<string, PoolListItem>();
  /** Hash of each entity last sent, by entity ref. */
  private emitted = new Map<string, string>();
  private catalogClusters: CatalogClusterEntity[] = [];

  constructor(
    private readonly config: NodePoolsProviderConfig,
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      catalog: CatalogService;
      logger: LoggerService;
      scheduler: SchedulerService;
      /** `app.baseUrl`. */
      appBaseUrl: string;
    },
  ) {
    this.reader = new NodePoolsReader(deps.discovery, deps.auth);
    this.context = {
      providerName: this.getProviderName(),
      namespace: config.namespace,
      pageUrl: `${deps.appBaseUrl.replace(/\/+$/, '')}${config.pagePath}`,
      defaultOwner: config.defaultOwner,
    };
  }

  getProviderName(): string {
    return `nodepools-provider:${this.config.id}`;
  }

  /** Scheduled once connected, so no run finds the provider without its connection. */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.deps.scheduler.scheduleTask({
      ...this.config.schedule,
      id: `${this.getProviderName()}:refresh`,
      scope: 'global',
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          throw new Error(
            `${this.getProviderName()} could not publish node pools to the catalog: ${(error as Error).message}`,
          );
        }
      },
    });
  }

  /** One scheduled run: a full read first, deltas after. */
  async refresh(): Promise<RefreshSummary> {
    if (!this.connection) throw new Error(`${this.getProviderName()} is not connected to the catalog`);
    if (this.cursor === undefined) return this.full();
    let changes: { refs: Set<string>; latest: number };
    try {
      changes = await this.reader.changedRefs(this.cursor);
    } catch (error) {
      if (!(error instanceof FeedGoneError)) throw error;
      this.deps.logger.info(`${this.getProviderName()}: ${error.message}; reading every pool`);
      return this.full();
    }
    if (changes.refs.size > MAX_DELTA_POOLS) return this.full();
    return this.delta(changes.refs, changes.latest);
  }

  private async full(): Promise<RefreshSummary> {
    const started = Date.now();
    const latest = await this.reader.latestChange();
    const pools = (await this.reader.listPools(filtersAsQuery(this.config.filters))).filter(pool =>
      matchesFilters(pool, this.config.filters),
    );
    this.catalogClusters = await readCatalogClusters(this.deps.catalog, this.deps.auth);
    const read = Date.now();
    this.pools.clear();
    for (const pool of pools) this.pools.set(pool.ref, pool);
    const entities = desiredEntities(this.pools.values(), this.catalogClusters, this.context);
    const locationKey = this.getProviderName();
    await this.connection!.applyMutation({
      type: 'full',
      entities: [...entities.values()].map(entity => ({ entity, locationKey })),
    });
    this.emitted = new Map([...entities].map(([ref, entity]) => [ref, hashOf(entity)]));
    this.cursor = latest;
    this.deps.logger.info(
      `${this.getProviderName()}: full mutation of ${entities.size} entities for ${pools.length} pools (read ${read - started} ms, committed ${Date.now() - read} ms)`,
    );
    return { type: 'full', poolsRead: pools.length, added: entities.size, removed: 0 };
  }

  private async delta(refs: Set<string>, latest: number): Promise<RefreshSummary> {
    const started = Date.now();
    const clusters = await readCatalogClusters(this.deps.catalog, this.deps.auth);
    const clustersChanged = JSON.stringify(clusters) !== JSON.stringify(this.catalogClusters);
    if (!refs.size && !clustersChanged) {
      this.cursor = latest;
      return { type: 'none', poolsRead: 0, added: 0, removed: 0 };
    }
    this.catalogClusters = clusters;
    const fetched = new Map((await this.reader.poolsByRef([...refs])).map(p => [p.ref, p]));
    for (const ref of refs) {
      const pool = fetched.get(ref);
      if (pool && !pool.tombstonedAt && matchesFilters(pool, this.config.filters)) {
        this.pools.set(ref, pool);
      } else {
        this.pools.delete(ref);
      }
    }
    const read = Date.now();
    const entities = desiredEntities(this.pools.values(), this.catalogClusters, this.context);
    const hashes = new Map([...entities].map(([ref, entity]) => [ref, hashOf(entity)]));
    const added = [...entities].filter(([ref]) => this.emitted.get(ref) !== hashes.get(ref));
    const removed = [...this.emitted.keys()].filter(ref => !entities.has(ref));
    const locationKey = this.getProviderName();
    if (added.length || removed.length) {
      await this.connection!.applyMutation({
        type: 'delta',
        added: added.map(([, entity]) => ({ entity, locationKey })),
        removed: removed.map(entityRef => ({ entityRef, locationKey })),
      });
    }
    this.emitted = hashes;
    this.cursor = latest;
    this.deps.logger.info(
      `${this.getProviderName()}: delta of ${added.length} added or changed and ${removed.length} removed entities for ${refs.size} changed pools (read ${read - started} ms, committed ${Date.now() - read} ms)`,
    );
    return { type: 'delta', poolsRead: refs.size, added: added.length, removed: removed.length };
  }
}

