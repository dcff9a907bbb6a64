import type { Knex } from 'knex';
import {
  ClusterIdentity,
  DEFAULT_PAGE_SIZE,
  IN_CLUSTER_PROVIDERS,
  isInClusterProvider,
  PoolQuery,
  PoolSortField,
} from '@nodepools/plugin-nodepools-common';
import { decodeCursorFor, type SortValueKind } from './cursor';
import { applyPoolRestriction } from './poolRestriction';
import { runColumn } from './poolReads';

/**
 * SQL for each sort field. Nullable columns are coalesced so keyset paging
 * compares plain values on every database.
 */
export const SORT_EXPRESSIONS: Record<PoolSortField, string> = {
  name: 'p.name',
  cluster: 'p.cluster',
  provider: 'p.provider',
  region: "coalesce(p.region, '')",
  owner: "coalesce(p.owner, '')",
  nodeCount: 'coalesce(p.node_count, -1)',
  lastSeenAt: `coalesce(sc.last_success_at, ${runColumn('last_success_at')}, p.first_seen_at)`,
};

/** The kind of value each sort expression yields. */
const SORT_VALUE_KINDS: Record<PoolSortField, SortValueKind> = {
  name: 'text',
  cluster: 'text',
  provider: 'text',
  region: 'text',
  owner: 'text',
  nodeCount: 'integer',
  lastSeenAt: 'text',
};

const FILTER_COLUMNS = {
  provider: 'p.provider',
  cluster: 'p.cluster',
  region: 'p.region',
  owner: 'p.owner',
  mode: 'p.mode',
  capacityType: 'p.capacity_type',
} as const;

/** The value that stands for "no owner" in the owner filter. */
export const NO_OWNER = '(none)';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Applies the filters of a query (not sort or paging) to a pools query. */
export function applyPoolFilters(
  builder: Knex.QueryBuilder,
  query: PoolQuery,
): Knex.QueryBuilder {
  if (!query.includeTombstoned) builder.whereNull('p.tombstoned_at');
  for (const [field, column] of Object.entries(FILTER_COLUMNS)) {
    const values = query[field as keyof typeof FILTER_COLUMNS];
    if (!values?.length) continue;
    if (field === 'owner' && values.includes(NO_OWNER)) {
      const named = values.filter(v => v !== NO_OWNER);
      builder.where(inner =>
        inner.whereNull(column).orWhereIn(column, named),
      );
    } else {
      builder.whereIn(column, values);
    }
  }
  for (const word of (query.q ?? '').toLocaleLowerCase('en-US').split(/\s+/)) {
    if (word) builder.whereRaw("p.search like ? escape '\\'", [`%${escapeLike(word)}%`]);
  }
  return applyPoolRestriction(builder, query.restrict);
}

/** Sorts and pages (keyset, tie-broken by ref) a filtered pools query. */
export function applyPoolPaging(
  knex: Knex,
  builder: Knex.QueryBuilder,
  query: PoolQuery,
): Knex.QueryBuilder {
  const sort = query.sort ?? 'name';
  const expression = SORT_EXPRESSIONS[sort];
  const desc = query.order === 'desc';
  const op = desc ? '<' : '>';
  if (query.cursor) {
    const cursor = decodeCursorFor(query.cursor, sort, SORT_VALUE_KINDS[sort]);
    builder.whereRaw(
      `(${expression} ${op} ? or (${expression} = ? and p.ref ${op} ?))`,
      [cursor.value, cursor.value, cursor.ref],
    );
  }
  return builder
    .orderByRaw(`${expression} ${desc ? 'desc' : 'asc'}, p.ref ${desc ? 'desc' : 'asc'}`)
    .limit((query.limit ?? DEFAULT_PAGE_SIZE) + 1)
    .select(knex.raw(`${expression} as sort_value`));
}

/**
 * Restricts a pools query to the pools of one cluster: its name, and its
 * provider, account and region wherever both the pool and the cluster say
 * them (`clustersAgree`). Pools read from inside a cluster (Karpenter,
 * observed `kubernetes` pools) belong to a cluster of any platform.
 */
export function whereInCluster(
  builder: Knex.QueryBuilder,
  cluster: ClusterIdentity,
): Knex.QueryBuilder {
  builder.where('p.cluster', cluster.cluster);
  for (const [column, value] of [
    ['p.account', cluster.account],
    ['p.region', cluster.region],
  ] as const) {
    if (value !== undefined) {
      builder.where(inner => inner.whereNull(column).orWhere(column, value));
    }
  }
  if (!isInClusterProvider(cluster.provider)) {
    builder.whereIn('p.provider', [cluster.provider, ...IN_CLUSTER_PROVIDERS]);
  }
  return builder;
}
