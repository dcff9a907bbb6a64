import type { MachineCatalog } from '../machines/catalog';
import { defaultMachineCatalog } from '../machines/catalog';
import { billedHoursPerMonth } from '../pricing/table';
import { idleHeadroom } from '../pricing/idle';
import type { PricingOverrides } from '../pricing/overrides';
import { poolCost } from '../pricing/poolCost';
import { HOURS_PER_MONTH, isEstimateNote, type CostAtSize, type PoolCost } from '../pricing/types';
import { nodeBounds } from '../pricing/nodeBounds';
import { clusterUnschedulable } from './clusters';
import { createRuleContext, type PoolFacts, type RuleContext } from './context';
import { RULES, mixedWorkloadsOf } from './rules';
import { poolSuggestions } from './suggestions';
import {
  GOVERNANCE_RULES,
  type CapacityFigures,
  type GovernanceEvaluation,
  type GovernanceFinding,
  type GovernanceInput,
  type PoolGovernance,
} from './types';

export interface EvaluateOptions {
  pricing?: PricingOverrides;
  /** Default: the bundled catalog; pass the one with config rows. */
  catalog?: MachineCatalog;
}

/** Requested, allocatable and used cpu and memory of a pool's nodes now. */
export function poolCapacity(facts: Pick<PoolFacts, 'entry'>): CapacityFigures {
  const { pool, usage } = facts.entry;
  const observed = pool.observed;
  const capacity: CapacityFigures = {
    nodes: observed?.nodeCount ?? pool.nodeCount ?? 0,
    requested: { cpu: observed?.requested.cpu ?? 0, memory: observed?.requested.memory ?? 0 },
    allocatable: { cpu: observed?.allocatable.cpu ?? 0, memory: observed?.allocatable.memory ?? 0 },
  };
  if (usage) capacity.used = { cpu: usage.used.cpu ?? 0, memory: usage.used.memory ?? 0 };
  return capacity;
}

/**
 * The pool's cost: list prices (`poolCost`), or, when OpenCost gave a real
 * hourly price of one node, that price x the node counts now and at both
 * ends of the range. The list price of a node (`cost.node`) stays, so that
 * right-sizing compares list prices with list prices.
 */
export function governanceCost(
  facts: Pick<PoolFacts, 'entry' | 'machines'>,
  options: EvaluateOptions,
): { cost: PoolCost; listCost: PoolCost; costSource: PoolGovernance['costSource'] } {
  const listCost = poolCost(facts.entry.pool, { catalog: options.catalog, overrides: options.pricing });
  const real = facts.entry.realNodeHourly;
  if (real === undefined || !Number.isFinite(real) || real < 0) return { cost: listCost, listCost, costSource: 'list-price' };
  const hours = facts.machines.cloud ? billedHoursPerMonth(facts.machines.cloud) : HOURS_PER_MONTH;
  const at = (nodes: number | undefined): CostAtSize | undefined =>
    nodes === undefined ? undefined : { nodes, hourly: nodes * real, monthly: nodes * real * hours };
  // The node counts (and their notes) hold whatever a node costs, priced or not.
  const bounds = nodeBounds(facts.entry.pool, {}, facts.machines.types);
  const cost: PoolCost = {
    ...listCost,
    current: at(bounds.current),
    min: at(bounds.min),
    max: at(bounds.max),
    known: true,
    estimated: bounds.notes.some(isEstimateNote),
    notes: bounds.notes,
  };
  return { cost, listCost, costSource: 'opencost' };
}

const RULE_ORDER = new Map(GOVERNANCE_RULES.map((id, index) => [id, index]));

/** Findings by subject ref, then in the order of `GOVERNANCE_RULES`. */
export function compareFindings(a: GovernanceFinding, b: GovernanceFinding): number {
  return a.subject.ref.localeCompare(b.subject.ref) || RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!;
}

function poolGovernance(input: GovernanceInput, ctx: RuleContext, ref: string, findings: number, options: EvaluateOptions): PoolGovernance {
  const facts = ctx.facts(ref);
  const { pool } = facts.entry;
  const { cost, listCost, costSource } = governanceCost(facts, options);
  const idle = idleHeadroom(cost, pool.observed);
  const suggestions = poolSuggestions({
    entry: facts.entry,
    cost: { ...listCost, current: cost.current },
    idle,
    machines: facts.machines,
    mixed: mixedWorkloadsOf(facts.entry, facts.cluster),
    unschedulablePods: clusterUnschedulable(input.unschedulable, facts.cluster)?.pods ?? 0,
    options: input.options,
    catalog: ctx.catalog,
    overrides: options.pricing,
  });
  return {
    ref: pool.ref,
    name: pool.name,
    cluster: pool.cluster,
    clusterRef: facts.cluster.ref,
    provider: pool.provider,
    ...(pool.owner ? { owner: pool.owner } : {}),
    mode: pool.mode,
    capacity: poolCapacity(facts),
    cost,
    ...(idle ? { idle } : {}),
    costSource,
    suggestions,
    upgrade: facts.upgrade,
    ip: facts.ip,
    findings,
  };
}

/**
 * One evaluation of the fleet: every enabled rule over the live (not
 * tombstoned) pools, and one `PoolGovernance` row per live pool with its
 * capacity, cost, idle share, suggestions, upgrade posture and pod address
 * headroom. Findings are ordered by subject ref, then rule; pools by ref.
 * `findings` of a pool counts the findings about it (not its cluster's).
 */
export function evaluateGovernance(input: GovernanceInput, options: EvaluateOptions = {}): GovernanceEvaluation {
  const catalog = options.catalog ?? defaultMachineCatalog();
  const ctx = createRuleContext(input, catalog);
  const disabled = new Set(input.options.disabledRules);
  const findings = RULES.filter(rule => !disabled.has(rule.id))
    .flatMap(rule => rule.evaluate(input, ctx))
    .sort(compareFindings);
  const perPool = new Map<string, number>();
  for (const finding of findings) {
    if (finding.subject.kind === 'pool') perPool.set(finding.subject.ref, (perPool.get(finding.subject.ref) ?? 0) + 1);
  }
  const pools = ctx.pools.map(entry =>
    poolGovernance(input, ctx, entry.pool.ref, perPool.get(entry.pool.ref) ?? 0, { ...options, catalog }),
  );
  return { findings, pools };
}
