import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  dailyOwnerRollups,
  evaluateGovernance,
  GOVERNANCE_RULES,
  type EvaluateOptions,
  type GovernanceFinding,
  type GovernanceOptions,
  type GovernancePool,
  type GovernanceRuleId,
} from '@nodepools/plugin-nodepools-common';
import type { DriftStore } from '../store/DriftStore';
import type { GovernanceApplySummary, GovernanceStore } from '../store/GovernanceStore';
import type { TriageStore } from '../store/TriageStore';
import { NO_SIGNALS, type GovernanceSignals } from './signals';
import { loadUnschedulable, type UnschedulableCache } from './unschedulable';
import { workloadAge } from './workloadAge';

/** What one evaluation did, for the log, the reminders and the benchmark. */
export interface GovernanceRunSummary extends GovernanceApplySummary {
  pools: number;
  findings: GovernanceFinding[];
  readMs: number;
  evaluateMs: number;
  writeMs: number;
}

export interface GovernanceRunDeps {
  store: GovernanceStore;
  drift: Pick<DriftStore, 'poolCounts'>;
  triage: Pick<TriageStore, 'listClusters' | 'getReport'>;
  signals?: GovernanceSignals;
  options: GovernanceOptions;
  /** Prices (`nodepools.pricing`) and the machine catalog the costs are worked out with. */
  evaluate?: EvaluateOptions;
  logger?: LoggerService;
  now?: () => Date;
  /** Kept across evaluations, so each triage report is parsed once. */
  unschedulableCache?: UnschedulableCache;
}

/**
 * The governance stage: reads every live pool with its workloads, open
 * drift, the clusters' unschedulable pods, the owners' confirmations and
 * the signals, evaluates the rules and stores what changed. With `only`,
 * it evaluates those rules for those pools and replaces only their
 * findings (an owner's review, answered at once).
 */
export async function runGovernance(
  deps: GovernanceRunDeps,
  only?: { refs: string[]; rules: GovernanceRuleId[] },
): Promise<GovernanceRunSummary> {
  const now = (deps.now ?? (() => new Date()))();
  const readStart = performance.now();
  const inventory = only ? await deps.store.loadPoolsByRef(only.refs) : await deps.store.loadPools();
  const refs = inventory.map(entry => entry.pool.ref);
  const [driftCounts, unschedulable, confirmations, signals] = await Promise.all([
    deps.drift.poolCounts(now),
    only
      ? Promise.resolve(new Map())
      : loadUnschedulable(deps.triage, inventory.map(entry => entry.pool), deps.unschedulableCache),
    deps.store.latestConfirmations(only ? refs : undefined),
    (deps.signals ?? NO_SIGNALS).read(refs),
  ]);
  const openDrift = new Map(driftCounts.map(count => [count.ref, count.open]));
  const readMs = performance.now() - readStart;

  const evaluateStart = performance.now();
  const lastWorkloadAt = new Map<string, string | null>();
  const pools = inventory.map((entry): GovernancePool => {
    const age = workloadAge(entry.workloads, entry.lastWorkloadAt, now);
    lastWorkloadAt.set(entry.pool.ref, age.lastWorkloadAt);
    const signal = signals.get(entry.pool.ref);
    return {
      pool: entry.pool,
      openDrift: openDrift.get(entry.pool.ref) ?? 0,
      ...(entry.workloads ? { workloads: entry.workloads } : {}),
      ...(age.daysWithoutWorkloads !== undefined ? { daysWithoutWorkloads: age.daysWithoutWorkloads } : {}),
      ...(signal?.usage ? { usage: signal.usage } : {}),
      ...(signal?.subnets ? { subnets: signal.subnets } : {}),
      ...(signal?.realNodeHourly !== undefined ? { realNodeHourly: signal.realNodeHourly } : {}),
    };
  });
  const options: GovernanceOptions = only
    ? { ...deps.options, disabledRules: [...deps.options.disabledRules, ...otherRules(only.rules)] }
    : deps.options;
  const evaluation = evaluateGovernance({ now, pools, unschedulable, confirmations, options }, deps.evaluate);
  const evaluateMs = performance.now() - evaluateStart;

  const writeStart = performance.now();
  const at = now.toISOString();
  const applied = await deps.store.applyEvaluation({
    at,
    findings: evaluation.findings,
    pools: evaluation.pools.map(document => ({ document, lastWorkloadAt: lastWorkloadAt.get(document.ref) ?? null })),
    ...(only ? { only } : { daily: dailyOwnerRollups(evaluation.pools, at.slice(0, 10)) }),
  });
  const writeMs = performance.now() - writeStart;

  deps.logger?.info(
    `Governance evaluated ${pools.length} pools${only ? ` (${only.rules.join(', ')})` : ''}: ` +
      `${evaluation.findings.length} findings; ${applied.created} new, ${applied.changed} changed, ` +
      `${applied.reopened} re-opened, ${applied.resolved} resolved, ${applied.rowsWritten} rows written`,
  );
  return { ...applied, pools: pools.length, findings: evaluation.findings, readMs, evaluateMs, writeMs };
}

/** Every rule but these: a partial evaluation runs only the rules it replaces. */
function otherRules(rules: readonly GovernanceRuleId[]): GovernanceRuleId[] {
  const keep = new Set(rules);
  return GOVERNANCE_RULES.filter(rule => !keep.has(rule));
}
