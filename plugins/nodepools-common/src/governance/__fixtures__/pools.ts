import { poolRef, type NodePool, type ObservedNodes } from '../../model/pool';
import { createRuleContext } from '../context';
import type { GovernanceRule } from '../rules/types';
import { DEFAULT_GOVERNANCE_OPTIONS, type GovernanceFinding, type GovernanceInput, type GovernancePool } from '../types';

export const GiB = 2 ** 30;
export const NOW = new Date('2026-12-02T12:00:00Z');

/** An EKS pool of 3 m5.large nodes in two zones, owned by team-a; override what a case needs. */
export function nodePool(overrides: Partial<NodePool> = {}): NodePool {
  const base: NodePool = {
    ref: '',
    provider: 'eks',
    account: '111122223333',
    region: 'us-east-1',
    cluster: 'prod',
    name: 'general',
    mode: 'user',
    os: 'linux',
    arch: 'amd64',
    machineTypes: ['m5.large'],
    capacityType: 'on-demand',
    nodeCount: 3,
    autoscaling: { enabled: true, min: 1, max: 5 },
    labels: {},
    taints: [],
    zones: ['us-east-1a', 'us-east-1b'],
    kubernetesVersion: '1.33',
    tags: {},
    owner: 'group:default/team-a',
    ownerStatus: 'known',
    source: 'eks-prod',
    firstSeenAt: '2026-01-01T00:00:00Z',
    lastSeenAt: '2026-12-02T11:00:00Z',
    stale: false,
  };
  const pool = { ...base, ...overrides };
  return { ...pool, ref: overrides.ref ?? poolRef(pool) };
}

export function observed(overrides: Partial<ObservedNodes> = {}): ObservedNodes {
  return {
    nodeCount: 3,
    readyCount: 3,
    kubeletVersions: ['v1.33.5-eks-1'],
    osImages: ['Amazon Linux 2023'],
    zones: ['us-east-1a', 'us-east-1b'],
    allocatable: { cpu: 5.79, memory: 22.2 * GiB, pods: 87 },
    requested: { cpu: 1.5, memory: 4 * GiB, pods: 20 },
    observedAt: '2026-12-02T11:00:00Z',
    controlPlaneVersion: 'v1.33.5-eks-1',
    ...overrides,
  };
}

export function govPool(overrides: Partial<NodePool> = {}, extra: Partial<GovernancePool> = {}): GovernancePool {
  return { pool: nodePool(overrides), openDrift: 0, ...extra };
}

export function govInput(pools: GovernancePool[], extra: Partial<GovernanceInput> = {}): GovernanceInput {
  return {
    now: NOW,
    pools,
    unschedulable: new Map(),
    confirmations: new Map(),
    options: DEFAULT_GOVERNANCE_OPTIONS,
    ...extra,
  };
}

/** Runs one rule over the pools the way the evaluation does. */
export function runRule(rule: GovernanceRule, input: GovernanceInput): GovernanceFinding[] {
  return rule.evaluate(input, createRuleContext(input));
}

/** `subject ref: severity` of each finding, for compact expectations. */
export function summary(findings: readonly GovernanceFinding[]): string[] {
  return findings.map(f => `${f.subject.ref.split('/').pop()}:${f.severity}`);
}
