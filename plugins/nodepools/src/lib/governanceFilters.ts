import {
  COST_GROUP_BY,
  FINDING_STATES,
  GOVERNANCE_RULES,
  GOVERNANCE_SEVERITIES,
  type CostGroupBy,
  type CostQuery,
  type FindingQuery,
  type FindingState,
  type GovernancePoolQuery,
  type GovernanceRuleId,
  type GovernanceSeverity,
} from '@nodepools/plugin-nodepools-common';

/** What the governance page's URL says: its filters and how costs are grouped. */
export interface GovernanceFilters {
  rule: GovernanceRuleId[];
  severity: GovernanceSeverity[];
  owner: string[];
  cluster: string[];
  provider: string[];
  state: FindingState;
  groupBy: CostGroupBy;
}

export const FILTER_KEYS = ['rule', 'severity', 'owner', 'cluster', 'provider'] as const;
export type GovernanceFilterKey = (typeof FILTER_KEYS)[number];

function pick<T extends string>(params: URLSearchParams, key: string, allowed?: readonly T[]): T[] {
  const values = params.getAll(key).filter(v => v !== '');
  return [...new Set(values)].filter((v): v is T => !allowed || (allowed as readonly string[]).includes(v));
}

/** Reads the filters of a URL; values the API would refuse are dropped, so an edited link still opens. */
export function filtersFromSearchParams(params: URLSearchParams): GovernanceFilters {
  const state = params.get('state');
  const groupBy = params.get('groupBy');
  return {
    rule: pick(params, 'rule', GOVERNANCE_RULES),
    severity: pick(params, 'severity', GOVERNANCE_SEVERITIES),
    owner: pick(params, 'owner'),
    cluster: pick(params, 'cluster'),
    provider: pick(params, 'provider'),
    state: (FINDING_STATES as readonly (string | null)[]).includes(state) ? (state as FindingState) : 'open',
    groupBy: (COST_GROUP_BY as readonly (string | null)[]).includes(groupBy) ? (groupBy as CostGroupBy) : 'owner',
  };
}

/** Writes one filter into the URL's parameters, keeping the others (and the tab). */
export function withFilter(params: URLSearchParams, key: string, values: string[]): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(key);
  for (const value of values) next.append(key, value);
  return next;
}

function lists<K extends GovernanceFilterKey>(filters: GovernanceFilters, keys: readonly K[]) {
  const query: Partial<Pick<GovernanceFilters, K>> = {};
  for (const key of keys) if (filters[key].length) query[key] = filters[key];
  return query;
}

export function findingQueryOf(filters: GovernanceFilters): FindingQuery {
  return { ...lists(filters, ['rule', 'severity', 'owner', 'cluster'] as const), state: filters.state };
}

export function costQueryOf(filters: GovernanceFilters): CostQuery {
  return { ...lists(filters, ['owner', 'cluster', 'provider'] as const), groupBy: filters.groupBy };
}

export function poolQueryOf(filters: GovernanceFilters): GovernancePoolQuery {
  return lists(filters, ['owner', 'cluster', 'provider'] as const);
}
