import type { GovernanceRuleId } from '../types';
import { autoscalingOffRule } from './autoscaling-off';
import { endOfSupportRule } from './end-of-support';
import { fixedSizeRule } from './fixed-size';
import { ipExhaustionRule } from './ip-exhaustion';
import { mixedWorkloadsRule } from './mixed-workloads';
import { noOwnerRule } from './no-owner';
import { openDriftRule } from './open-drift';
import { singleSystemPoolRule } from './single-system-pool';
import { specialisedWithoutLimitRule } from './specialised-without-limit';
import { specialisedWithoutTaintRule } from './specialised-without-taint';
import { spotWithoutTaintRule } from './spot-without-taint';
import { staleSourceRule } from './stale-source';
import { systemPoolSingleZoneRule } from './system-pool-single-zone';
import { systemPoolTooSmallRule } from './system-pool-too-small';
import type { GovernanceRule } from './types';
import { unconfirmedOwnershipRule } from './unconfirmed-ownership';
import { unknownOwnerRule } from './unknown-owner';
import { unschedulablePodsRule } from './unschedulable-pods';
import { versionSkewRule } from './version-skew';

/**
 * Severity of each rule's findings:
 *
 * | rule                        | subject | severity                                    | why                                                                      |
 * | --------------------------- | ------- | ------------------------------------------- | ------------------------------------------------------------------------ |
 * | `no-owner`                  | pool    | medium                                      | nobody reviews the pool; its cost is nobody's                            |
 * | `unknown-owner`             | pool    | medium                                      | the owner is no catalog Group or User: reviews reach no one              |
 * | `spot-without-taint`        | pool    | high                                        | pods that cannot bear interruptions land on reclaimable nodes            |
 * | `specialised-without-taint` | pool    | high                                        | ordinary pods fill the dearest nodes                                     |
 * | `specialised-without-limit` | pool    | medium                                      | the dearest nodes can grow without bound                                 |
 * | `single-system-pool`        | cluster | medium                                      | system pods have nowhere to go while their pool is upgraded or lost      |
 * | `system-pool-too-small`     | pool    | high                                        | one node's loss or upgrade stops DNS and add-ons                         |
 * | `system-pool-single-zone`   | pool    | medium                                      | a zone outage stops DNS and add-ons                                      |
 * | `mixed-workloads`           | pool    | medium                                      | a noisy workload starves the cluster's own pods                          |
 * | `autoscaling-off`           | pool    | low                                         | costs or pending pods, not an outage                                     |
 * | `fixed-size`                | pool    | low                                         | the same, with an autoscaler in name only                                |
 * | `version-skew`              | pool    | low within the skew policy; high beyond it, or nodes newer | outside the policy, kubelets and control plane may not talk |
 * | `end-of-support`            | pool    | high past the date, medium within 60 days   | no security fixes, or a forced or paid upgrade                           |
 * | `stale-source`              | pool    | medium                                      | every other figure of the pool may be old                                |
 * | `open-drift`                | pool    | medium                                      | the pool is not what its IaC says; the drift findings carry their own severity |
 * | `unschedulable-pods`        | cluster | high                                        | workloads are not running                                                |
 * | `ip-exhaustion`             | pool    | high                                        | new pods get no address and stay in ContainerCreating                    |
 * | `unconfirmed-ownership`     | pool    | low                                         | bookkeeping: the review is due                                           |
 */
export const RULES: readonly GovernanceRule[] = [
  noOwnerRule,
  unknownOwnerRule,
  spotWithoutTaintRule,
  specialisedWithoutTaintRule,
  specialisedWithoutLimitRule,
  singleSystemPoolRule,
  systemPoolTooSmallRule,
  systemPoolSingleZoneRule,
  mixedWorkloadsRule,
  autoscalingOffRule,
  fixedSizeRule,
  versionSkewRule,
  endOfSupportRule,
  staleSourceRule,
  openDriftRule,
  unschedulablePodsRule,
  ipExhaustionRule,
  unconfirmedOwnershipRule,
];

const BY_ID = new Map<GovernanceRuleId, GovernanceRule>(RULES.map(rule => [rule.id, rule]));

/** The rule of an id. */
export function governanceRule(id: GovernanceRuleId): GovernanceRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`no governance rule ${id}`);
  return rule;
}

export type { GovernanceRule } from './types';
export { mixedWorkloadsOf } from './mixed-workloads';
export type { MixedWorkloads } from './mixed-workloads';
