import type {
  GovernanceFinding,
  GovernanceRuleId,
  PoolGovernance,
} from '@nodepools/plugin-nodepools-common';

/** A pool's governance document as an evaluation would store it; tests override what they exercise. */
export function makePoolGovernance(ref: string, overrides: Partial<PoolGovernance> = {}): PoolGovernance {
  const parts = ref.split('/');
  const clusterRef = parts.slice(0, 4).join('/');
  return {
    ref,
    name: parts[4],
    cluster: parts[3],
    clusterRef,
    provider: parts[0],
    owner: 'group:default/team-payments',
    mode: 'user',
    capacity: { nodes: 3, requested: { cpu: 4, memory: 8e9 }, allocatable: { cpu: 11.6, memory: 45e9 } },
    cost: { ref, provider: parts[0], cluster: parts[3], known: true, estimated: false, notes: [] },
    costSource: 'list-price',
    suggestions: [],
    upgrade: { upgradeInProgress: false, upgradeSignals: [] },
    ip: { prefixDelegationHelps: false },
    findings: 0,
    ...overrides,
  };
}

/** A pool finding of `rule`; the id is the rule and the ref, as stable as the real one. */
export function makeFinding(
  rule: GovernanceRuleId,
  ref: string,
  overrides: Partial<GovernanceFinding> = {},
): GovernanceFinding {
  const clusterRef = ref.split('/').slice(0, 4).join('/');
  return {
    id: `gov-${rule}-${ref}`,
    rule,
    severity: 'medium',
    subject: { kind: 'pool', ref },
    clusterRef,
    owner: 'group:default/team-payments',
    message: `${rule} on ${ref}`,
    details: {},
    fix: 'Fix it.',
    ...overrides,
  };
}
