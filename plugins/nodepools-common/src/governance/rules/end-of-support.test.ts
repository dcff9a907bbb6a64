import type { NodePool } from '../../model/pool';
import { govInput, govPool, observed, runRule } from '../__fixtures__/pools';
import { endOfSupportRule } from './end-of-support';

const at = (iso: string) => new Date(iso);

describe('end-of-support', () => {
  it.each<[string, Partial<NodePool>, string, string | undefined]>([
    ['EKS 1.33 after 2026-07-29', {}, '2026-12-02T12:00:00Z', 'high/2026-07-29/-125'],
    ['EKS 1.34 on its last day', { kubernetesVersion: '1.34' }, '2026-12-02T12:00:00Z', 'medium/2026-12-02/1'],
    ['EKS 1.34, 59 days before', { kubernetesVersion: '1.34' }, '2026-10-05T00:00:00Z', 'medium/2026-12-02/59'],
    ['EKS 1.34, 63 days before', { kubernetesVersion: '1.34' }, '2026-10-01T12:00:00Z', undefined],
    ['GKE 1.34 after 2026-08-30', { provider: 'gke', machineTypes: ['e2-standard-4'], kubernetesVersion: '1.34.1-gke.100' }, '2026-12-02T12:00:00Z', 'high/2026-08-30/-93'],
    ['AKS 1.32 after March 2026', { provider: 'aks', machineTypes: ['Standard_D4s_v5'], kubernetesVersion: '1.32.7' }, '2026-12-02T12:00:00Z', 'high/2026-03-31/-245'],
    ['DOKS 1.33 after upstream end of life', { provider: 'doks', machineTypes: ['s-2vcpu-4gb'], kubernetesVersion: '1.33.1-do.0' }, '2026-12-02T12:00:00Z', 'high/2026-06-28/-156'],
    ['a minor the table does not cite', { kubernetesVersion: '1.35' }, '2026-12-02T12:00:00Z', undefined],
    ['self-managed pools have no calendar', { provider: 'kubernetes', kubernetesVersion: '1.27' }, '2026-12-02T12:00:00Z', undefined],
    [
      'Karpenter on AWS follows EKS, by its oldest kubelet',
      { provider: 'karpenter', kubernetesVersion: undefined, observed: observed({ kubeletVersions: ['v1.32.1', 'v1.34.0'] }) },
      '2026-12-02T12:00:00Z',
      'high/2026-03-23/-253',
    ],
  ])('%s', (_case, overrides, now, expected) => {
    const findings = runRule(endOfSupportRule, govInput([govPool(overrides)], { now: at(now) }));
    expect(findings.map(f => `${f.severity}/${f.details.endOfSupport}/${f.details.daysLeft}`)).toEqual(expected ? [expected] : []);
  });
});
