import type {
  DailyOwnerRollup,
  GovernanceFindingRecord,
  OwnerReview,
  PoolGovernance,
  UpgradePlan,
} from '@nodepools/plugin-nodepools-common';
import { rollupCosts } from '@nodepools/plugin-nodepools-common';
import { eksGeneral, eksSpotArm } from './pools';

const GiB = 1024 ** 3;
const CLUSTER_REF = 'eks/111122223333/us-east-1/prod-use1';
export const PAYMENTS = 'group:default/payments';
export const DATA = 'group:default/data';
export const LEGACY_REF = `${CLUSTER_REF}/ng-legacy`;

function poolCost(ref: string, owner: string | undefined, nodes: number, nodeMonthly: number) {
  const monthly = nodes * nodeMonthly;
  return {
    ref,
    provider: 'eks',
    cluster: 'prod-use1',
    region: 'us-east-1',
    ...(owner ? { owner } : {}),
    cloud: 'aws' as const,
    machineType: 'm6i.xlarge',
    current: { nodes, hourly: monthly / 730, monthly },
    known: true,
    estimated: false,
    notes: [],
  };
}

/** The general pool: half idle, one suggestion with a saving. */
export function generalGovernance(): PoolGovernance {
  return {
    ref: eksGeneral.ref,
    name: eksGeneral.name,
    cluster: 'prod-use1',
    clusterRef: CLUSTER_REF,
    provider: 'eks',
    owner: PAYMENTS,
    mode: 'user',
    capacity: {
      nodes: 3,
      requested: { cpu: 6, memory: 18 * GiB },
      allocatable: { cpu: 12, memory: 45 * GiB },
      used: { cpu: 3.5, memory: 12 * GiB },
    },
    cost: poolCost(eksGeneral.ref, PAYMENTS, 3, 140.16),
    idle: { utilization: 0.5, bindingResource: 'cpu', hourly: 0.288, monthly: 210.24 },
    costSource: 'list-price',
    suggestions: [
      {
        kind: 'right-size',
        message: 'Requests fill 50% of the cpu: 2 nodes would do',
        monthlySaving: 140.16,
        details: { nodes: 2 },
      },
    ],
    upgrade: {
      kubernetesVersion: '1.30',
      controlPlaneVersion: '1.31',
      minorSkew: 1,
      upgradeInProgress: false,
      upgradeSignals: [],
      surge: { maxUnavailable: 1 },
    },
    ip: { maxPodsPerNode: 58, podsRunning: 61, podSlotsFree: 113, subnetIpsFree: 40, podsBeforeExhaustion: 40, prefixDelegationHelps: true },
    findings: 1,
  };
}

/** The spot pool of the data team. */
export function spotGovernance(): PoolGovernance {
  return {
    ...generalGovernance(),
    ref: eksSpotArm.ref,
    name: eksSpotArm.name,
    owner: DATA,
    capacity: { nodes: 6, requested: { cpu: 10, memory: 20 * GiB }, allocatable: { cpu: 12, memory: 24 * GiB } },
    cost: poolCost(eksSpotArm.ref, DATA, 6, 30),
    idle: { utilization: 0.83, bindingResource: 'cpu', hourly: 0.04, monthly: 30 },
    suggestions: [],
    upgrade: { kubernetesVersion: '1.31', controlPlaneVersion: '1.31', minorSkew: 0, upgradeInProgress: false, upgradeSignals: [] },
    ip: { prefixDelegationHelps: false },
    findings: 0,
  };
}

export function noOwnerFinding(): GovernanceFindingRecord {
  return {
    id: `no-owner:${LEGACY_REF}`,
    rule: 'no-owner',
    severity: 'medium',
    subject: { kind: 'pool', ref: LEGACY_REF },
    clusterRef: CLUSTER_REF,
    message: 'ng-legacy has no owner: no owner or team tag or label',
    details: {},
    fix: 'Tag the node group with owner=<group>',
    firstSeenAt: '2026-11-20T08:00:00.000Z',
    lastChangedAt: '2026-11-20T08:00:00.000Z',
  };
}

export function versionSkewFinding(): GovernanceFindingRecord {
  return {
    id: `version-skew:${eksGeneral.ref}`,
    rule: 'version-skew',
    severity: 'high',
    subject: { kind: 'pool', ref: eksGeneral.ref },
    clusterRef: CLUSTER_REF,
    owner: PAYMENTS,
    message: 'ng-general runs 1.30, one minor behind its control plane (1.31)',
    details: { nodes: '1.30', controlPlane: '1.31' },
    fix: 'Upgrade the node group to 1.31',
    firstSeenAt: '2026-11-21T08:00:00.000Z',
    lastChangedAt: '2026-11-21T08:00:00.000Z',
  };
}

export function acknowledgedSpotFinding(): GovernanceFindingRecord {
  return {
    id: `fixed-size:${eksSpotArm.ref}`,
    rule: 'fixed-size',
    severity: 'low',
    subject: { kind: 'pool', ref: eksSpotArm.ref },
    clusterRef: CLUSTER_REF,
    owner: DATA,
    message: 'ng-spot-arm cannot scale: min equals max',
    details: { min: 6, max: 6 },
    fix: 'Widen the autoscaler range',
    firstSeenAt: '2026-11-19T08:00:00.000Z',
    lastChangedAt: '2026-11-22T08:00:00.000Z',
    acknowledgement: { by: 'user:default/ada', at: '2026-11-22T08:00:00.000Z', reason: 'batch needs exactly six' },
  };
}

export function governanceFindings(): GovernanceFindingRecord[] {
  return [versionSkewFinding(), noOwnerFinding(), acknowledgedSpotFinding()];
}

export function upgradePlan(): UpgradePlan {
  return {
    steps: [
      { order: 1, pool: spotGovernance(), flags: [] },
      { order: 2, pool: generalGovernance(), flags: ['no-surge', 'single-pool-cluster'] },
    ],
    evaluatedAt: '2026-11-27T12:00:00.000Z',
  };
}

function day(date: string, monthlyCost: number, requestedCpu: number): DailyOwnerRollup {
  return {
    day: date,
    owner: PAYMENTS,
    pools: 1,
    nodes: 3,
    monthlyCost,
    idleMonthly: monthlyCost / 2,
    requestedCpu,
    allocatableCpu: 12,
    requestedMemory: 18 * GiB,
    allocatableMemory: 45 * GiB,
  };
}

/** The payments team's review: one pool, due for confirmation, with its finding. */
export function paymentsReview(): OwnerReview {
  const pool = generalGovernance();
  return {
    owner: PAYMENTS,
    period: { days: 90, since: '2026-08-29T00:00:00.000Z' },
    pools: [{ ...pool, confirmationDue: true }],
    findings: [versionSkewFinding()],
    totals: { ...rollupCosts([pool], 'owner').total, key: PAYMENTS },
    history: [day('2026-11-25', 380, 5), day('2026-11-26', 400, 5.5), day('2026-11-27', 420.48, 6)],
    evaluatedAt: '2026-11-27T12:00:00.000Z',
  };
}
