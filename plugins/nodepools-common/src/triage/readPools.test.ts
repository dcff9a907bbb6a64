import { SELF_MANAGED_PROVIDER } from '../providers/registry';
import { readPool } from './readPools';

describe('readPool', () => {
  it('fills what a pool definition leaves out and keeps the fields it does not read as given', () => {
    const stored = {
      ref: 'eks/123456789012/us-east-1/prod/general',
      provider: 'eks',
      account: '123456789012',
      region: 'us-east-1',
      cluster: 'prod',
      name: 'general',
      owner: 'group:default/platform',
      source: 'aws-prod',
      stale: false,
      observed: { nodes: 3 },
    };
    const pool = readPool(stored);
    expect(pool).toEqual({
      ...stored,
      mode: 'user',
      os: 'linux',
      arch: undefined,
      machineTypes: [],
      capacityType: 'on-demand',
      nodeCount: undefined,
      autoscaling: { enabled: false, min: undefined, max: undefined },
      labels: {},
      taints: [],
      zones: [],
      tags: {},
      requirements: [],
      limits: undefined,
      maxPodsPerNode: undefined,
      diskSizeGb: undefined,
      kubernetesVersion: undefined,
    });
    // A field the triage reads is the checked value, not the item's.
    expect(readPool({ ...stored, provider: undefined }).provider).toBe(SELF_MANAGED_PROVIDER);
  });

  it('gives a taint a value only when it has one', () => {
    const pool = readPool({
      cluster: 'prod',
      name: 'gpu',
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }, { key: 'spot', value: '' }],
    });
    expect(pool.taints).toEqual([
      { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
      { key: 'dedicated', effect: 'NoExecute' },
      { key: 'spot', effect: 'NoSchedule' },
    ]);
    expect(pool.taints.map(t => Object.keys(t))).toEqual([['key', 'value', 'effect'], ['key', 'effect'], ['key', 'effect']]);
  });

  it.each([
    ['not an object', 'pool', '(item)'],
    ['a cluster that is not a string', { cluster: 1, name: 'a' }, 'cluster'],
    ['no name', { cluster: 'prod' }, 'name'],
    ['an unknown mode', { cluster: 'prod', name: 'a', mode: 'both' }, 'mode'],
    ['a negative max', { cluster: 'prod', name: 'a', autoscaling: { enabled: true, max: -1 } }, 'autoscaling.max'],
    ['a taint without a key', { cluster: 'prod', name: 'a', taints: [{ effect: 'NoSchedule' }] }, 'taints[0].key'],
    ['a requirement with an unknown operator', { cluster: 'prod', name: 'a', requirements: [{ key: 'k', operator: 'Near' }] }, 'requirements[0].operator'],
  ])('names the field of %s', (_name, raw, field) => {
    expect(() => readPool(raw)).toThrow(expect.objectContaining({ field }));
  });
});
