import { clustersAgree, parseClusterRef, parseClusterSelector } from '../model/cluster';
import { UNOWNED } from '../pricing/aggregate';
import type { FindingQuery, GovernancePoolQuery } from './api';
import type { GovernanceFindingRecord, PoolGovernance } from './types';

/** A finding query without paging. */
export type FindingFilter = Omit<FindingQuery, 'cursor' | 'limit'>;

/**
 * Where a finding stands at `now`: resolved while it no longer holds;
 * acknowledged while it holds under an acknowledgement that has not
 * expired (none, or `expiresAt` later than now); open otherwise.
 */
export function findingState(
  record: Pick<GovernanceFindingRecord, 'resolvedAt' | 'acknowledgement'>,
  now: Date,
): 'open' | 'acknowledged' | 'resolved' {
  if (record.resolvedAt) return 'resolved';
  const ack = record.acknowledgement;
  if (ack && (!ack.expiresAt || Date.parse(ack.expiresAt) > now.getTime())) return 'acknowledged';
  return 'open';
}

/**
 * Whether a cluster ref answers a list of cluster selectors: the same ref,
 * or a selector (a ref or a bare name) that may name the same cluster
 * (`clustersAgree`: an EKS cluster's ref finds its Karpenter pools' too).
 */
export function clusterMatches(ref: string, selectors: readonly string[] | undefined): boolean {
  if (!selectors || selectors.length === 0) return true;
  if (selectors.includes(ref)) return true;
  let identity;
  try {
    identity = parseClusterRef(ref);
  } catch {
    return false;
  }
  return selectors.some(selector => {
    try {
      return clustersAgree(parseClusterSelector(selector), identity);
    } catch {
      return false;
    }
  });
}

const lower = (values: readonly string[] | undefined) => values?.map(v => v.toLowerCase());

function inList(value: string | undefined, list: readonly string[] | undefined, caseless = false): boolean {
  if (!list || list.length === 0) return true;
  if (value === undefined) return false;
  return caseless ? lower(list)!.includes(value.toLowerCase()) : list.includes(value);
}

/**
 * Whether a finding answers a query at `now` (state `open` unless the query
 * says otherwise). Owners compare without case, as catalog refs do; `-`
 * asks for findings without owner.
 */
export function matchesFinding(record: GovernanceFindingRecord, query: FindingFilter, now: Date): boolean {
  const state = query.state ?? 'open';
  return (
    (state === 'all' || findingState(record, now) === state) &&
    inList(record.rule, query.rule) &&
    inList(record.severity, query.severity) &&
    inList(record.owner ?? UNOWNED, query.owner, true) &&
    inList(record.subject.ref, query.pool) &&
    clusterMatches(record.clusterRef, query.cluster)
  );
}

export function filterFindings(
  records: readonly GovernanceFindingRecord[],
  query: FindingFilter,
  now: Date,
): GovernanceFindingRecord[] {
  return records.filter(record => matchesFinding(record, query, now));
}

/** Whether a pool's row answers a governance pool query. */
export function matchesGovernancePool(pool: PoolGovernance, query: GovernancePoolQuery): boolean {
  return (
    inList(pool.owner ?? UNOWNED, query.owner, true) &&
    inList(pool.provider, query.provider) &&
    clusterMatches(pool.clusterRef, query.cluster)
  );
}

export function filterGovernancePools(pools: readonly PoolGovernance[], query: GovernancePoolQuery): PoolGovernance[] {
  return pools.filter(pool => matchesGovernancePool(pool, query));
}
