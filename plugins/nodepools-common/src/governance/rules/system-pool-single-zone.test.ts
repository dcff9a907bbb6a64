import type { NodePool } from '../../model/pool';
import { govInput, govPool, observed, runRule } from '../__fixtures__/pools';
import { systemPoolSingleZoneRule } from './system-pool-single-zone';

describe('system-pool-single-zone', () => {
  it.each<[string, Partial<NodePool>, string | undefined]>([
    ['system pool over two zones', { mode: 'system' }, undefined],
    ['system pool in one zone', { mode: 'system', zones: ['us-east-1a'] }, 'us-east-1a/spec'],
    ['user pool in one zone', { zones: ['us-east-1a'] }, undefined],
    ['system pool without declared zones, nodes in one', { mode: 'system', zones: [], observed: observed({ zones: ['us-east-1c'] }) }, 'us-east-1c/observed'],
    ['system pool without declared zones, nodes in two', { mode: 'system', zones: [], observed: observed() }, undefined],
    ['system pool with no zone known', { mode: 'system', zones: [] }, undefined],
  ])('%s', (_case, overrides, expected) => {
    const findings = runRule(systemPoolSingleZoneRule, govInput([govPool(overrides)]));
    expect(findings.map(f => `${f.details.zones}/${f.details.source}`)).toEqual(expected ? [expected] : []);
  });
});
