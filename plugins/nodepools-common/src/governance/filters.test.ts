import { NOW } from './__fixtures__/pools';
import { row } from './__fixtures__/rows';
import { clusterMatches, filterFindings, filterGovernancePools, findingState } from './filters';
import type { GovernanceFindingRecord } from './types';

function record(id: string, extra: Partial<GovernanceFindingRecord> = {}): GovernanceFindingRecord {
  return {
    id,
    rule: 'no-owner',
    severity: 'medium',
    subject: { kind: 'pool', ref: `eks/111/us-east-1/prod/${id}` },
    clusterRef: 'eks/111/us-east-1/prod',
    owner: 'group:default/team-a',
    message: '',
    details: {},
    fix: '',
    firstSeenAt: '2026-11-01T00:00:00Z',
    lastChangedAt: '2026-11-01T00:00:00Z',
    ...extra,
  };
}

const ack = (expiresAt?: string) => ({ by: 'user:default/jo', at: '2026-11-02T00:00:00Z', reason: 'known', ...(expiresAt ? { expiresAt } : {}) });

const records = [
  record('open'),
  record('acked', { acknowledgement: ack('2027-01-01T00:00:00Z'), rule: 'fixed-size', severity: 'low' }),
  record('ack-expired', { acknowledgement: ack('2026-12-01T00:00:00Z') }),
  record('ack-forever', { acknowledgement: ack(), owner: 'group:default/team-b' }),
  record('resolved', { resolvedAt: '2026-11-20T00:00:00Z', acknowledgement: ack() }),
  record('unowned', { owner: undefined, clusterRef: 'gke/p/europe-west1/prod', subject: { kind: 'cluster', ref: 'gke/p/europe-west1/prod' }, severity: 'high' }),
];
const ids = (list: GovernanceFindingRecord[]) => list.map(r => r.id);

describe('findingState', () => {
  it.each([
    ['open', 'open'],
    ['acked', 'acknowledged'],
    ['ack-expired', 'open'],
    ['ack-forever', 'acknowledged'],
    ['resolved', 'resolved'],
  ])('%s is %s at now', (id, state) => {
    expect(findingState(records.find(r => r.id === id)!, NOW)).toBe(state);
  });
});

describe('filterFindings', () => {
  it.each<[string, Parameters<typeof filterFindings>[1], string[]]>([
    ['open by default', {}, ['open', 'ack-expired', 'unowned']],
    ['acknowledged', { state: 'acknowledged' }, ['acked', 'ack-forever']],
    ['resolved', { state: 'resolved' }, ['resolved']],
    ['all', { state: 'all' }, ['open', 'acked', 'ack-expired', 'ack-forever', 'resolved', 'unowned']],
    ['by rule', { state: 'all', rule: ['fixed-size'] }, ['acked']],
    ['by severity', { state: 'all', severity: ['high', 'low'] }, ['acked', 'unowned']],
    ['by owner, without case', { state: 'all', owner: ['Group:Default/Team-B'] }, ['ack-forever']],
    ["owner '-' is no owner", { owner: ['-'] }, ['unowned']],
    ['by pool ref', { state: 'all', pool: ['eks/111/us-east-1/prod/open'] }, ['open']],
    ['by cluster ref', { cluster: ['gke/p/europe-west1/prod'] }, ['unowned']],
    ['by bare cluster name: both clusters named prod', { cluster: ['prod'] }, ['open', 'ack-expired', 'unowned']],
    // Karpenter runs on any platform: without an account it may name either prod.
    ['by a Karpenter spelling without account', { cluster: ['karpenter/-/-/prod'] }, ['open', 'ack-expired', 'unowned']],
    ['by a Karpenter spelling with the EKS account', { cluster: ['karpenter/111/-/prod'] }, ['open', 'ack-expired']],
    ['by another cluster', { cluster: ['eks/111/us-west-2/prod'] }, []],
  ])('%s', (_case, query, expected) => {
    expect(ids(filterFindings(records, query, NOW))).toEqual(expected);
  });
});

describe('clusterMatches', () => {
  it('no selector matches all; a bad selector matches nothing', () => {
    expect(clusterMatches('eks/1/r/prod', undefined)).toBe(true);
    expect(clusterMatches('eks/1/r/prod', [])).toBe(true);
    expect(clusterMatches('eks/1/r/prod', ['nope/1/r/prod'])).toBe(false);
  });
});

describe('filterGovernancePools', () => {
  const pools = [
    row({ name: 'a', owner: 'group:default/a' }),
    row({ name: 'b', provider: 'gke', cluster: 'stage', owner: 'group:default/b' }),
    row({ name: 'c' }),
  ];
  it.each<[string, Parameters<typeof filterGovernancePools>[1], string[]]>([
    ['everything', {}, ['a', 'b', 'c']],
    ['by owner', { owner: ['group:default/b'] }, ['b']],
    ['unowned', { owner: ['-'] }, ['c']],
    ['by provider', { provider: ['eks'] }, ['a', 'c']],
    ['by cluster name', { cluster: ['stage'] }, ['b']],
    ['owner and provider', { owner: ['group:default/a', 'group:default/b'], provider: ['gke'] }, ['b']],
  ])('%s', (_case, query, expected) => {
    expect(filterGovernancePools(pools, query).map(p => p.name)).toEqual(expected);
  });
});
