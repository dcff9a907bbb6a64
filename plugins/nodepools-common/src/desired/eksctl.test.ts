import { readDesired } from './read';
import type { DesiredPool } from './types';
import { desiredIssuesOf, readFixture } from './__fixtures__';

const config = (groups: string, kind = 'managedNodeGroups') =>
  `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: c1\n  region: us-west-2\n${kind}:\n${groups}`;

const group = (yaml: string, kind?: string): DesiredPool => readDesired(config(yaml, kind)).pools[0];

describe('eksctl ClusterConfig', () => {
  it.each<[string, string, Partial<DesiredPool>]>([
    ['no size at all: eksctl creates 2 fixed nodes', '  - name: g\n', { autoscaling: { enabled: false, min: 2, max: 2 }, nodeCount: 2 }],
    ['desiredCapacity alone: a fixed group of that size', '  - name: g\n    desiredCapacity: 4\n', { autoscaling: { enabled: false, min: 4, max: 4 }, nodeCount: 4 }],
    ['min and max: desired defaults to min', '  - name: g\n    minSize: 1\n    maxSize: 5\n', { autoscaling: { enabled: true, min: 1, max: 5 }, nodeCount: 1 }],
    ['min alone: max defaults to min', '  - name: g\n    minSize: 3\n', { autoscaling: { enabled: false, min: 3, max: 3 }, nodeCount: 3 }],
    ['desired and max: min defaults to desired', '  - name: g\n    desiredCapacity: 2\n    maxSize: 6\n', { autoscaling: { enabled: true, min: 2, max: 6 }, nodeCount: 2 }],
    ['all three', '  - name: g\n    minSize: 1\n    desiredCapacity: 3\n    maxSize: 4\n', { autoscaling: { enabled: true, min: 1, max: 4 }, nodeCount: 3 }],
  ])('sizes %s', (_, yaml, expected) => {
    expect(group(yaml)).toMatchObject(expected);
  });

  it('reads managed groups as EKS pools and unmanaged groups as pools seen through their nodes', () => {
    const read = readDesired(readFixture('eksctl-mixed.yaml'), { source: 'cluster.yaml' });

    expect(read.format).toBe('eksctl');
    expect(read.pools.map(p => [p.provider, p.name, p.address, p.ref])).toEqual([
      ['eks', 'spot-arm', 'managedNodeGroups[0]', 'eks/-/eu-west-1/payments-prod/spot-arm'],
      ['eks', 'fixed', 'managedNodeGroups[1]', 'eks/-/eu-west-1/payments-prod/fixed'],
      ['kubernetes', 'legacy-win', 'nodeGroups[0]', 'kubernetes/-/eu-west-1/payments-prod/legacy-win'],
      ['kubernetes', 'mixed', 'nodeGroups[1]', 'kubernetes/-/eu-west-1/payments-prod/mixed'],
    ]);
    expect(read.clusters).toEqual([expect.objectContaining({ provider: 'eks', name: 'payments-prod', region: 'eu-west-1', kubernetesVersion: '1.31' })]);
  });

  it.each<[string, Partial<DesiredPool>]>([
    ['spot-arm', { capacityType: 'spot', machineTypes: ['m7g.large', 'm6g.large'], arch: 'arm64', maxPodsPerNode: 58, labels: { workload: 'batch' }, tags: { owner: 'team-payments' } }],
    ['fixed', { capacityType: 'on-demand', machineTypes: ['c6i.large'], nodeCount: 3 }],
    ['legacy-win', { os: 'windows', taints: [{ key: 'os', value: 'windows', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }] }],
    ['mixed', { capacityType: 'mixed', machineTypes: ['m6i.large', 'm5.large'], zones: ['eu-west-1a', 'eu-west-1b'] }],
  ])('reads group %s', (name, expected) => {
    const pool = readDesired(readFixture('eksctl-mixed.yaml')).pools.find(p => p.name === name);
    expect(pool).toMatchObject(expected);
  });

  it('leaves what a group does not set to eksctl and EKS', () => {
    const pool = group('  - name: g\n    launchTemplate:\n      id: lt-1\n');
    for (const field of ['machineTypes', 'capacityType', 'os', 'labels', 'taints', 'tags', 'zones'] as const) {
      expect(pool).not.toHaveProperty(field);
    }
  });

  it('fills the account from the context; a config never names it', () => {
    expect(readDesired(config('  - name: g\n'), { account: '111122223333' }).pools[0].ref).toBe('eks/111122223333/us-west-2/c1/g');
  });

  it('names the group and field of every problem', () => {
    const issues = desiredIssuesOf(() =>
      readDesired(
        config('  - name: ok\n  - minSize: 5\n    maxSize: 2\n  - name: t\n    taints:\n      dedicated: "db"\n    labels: [a]\n', 'nodeGroups'),
        { source: 'eks.yaml' },
      ),
    );
    expect(issues).toEqual([
      { source: 'eks.yaml', address: 'nodeGroups[1]', field: 'name', message: 'is required' },
      { source: 'eks.yaml', address: 'nodeGroups[1]', field: 'minSize', message: 'is greater than maxSize (5 > 2)' },
      { source: 'eks.yaml', address: 'nodeGroups[2]', field: 'labels', message: 'expected a map of strings, got an array' },
      { source: 'eks.yaml', address: 'nodeGroups[2]', field: 'taints.dedicated', message: expect.stringMatching(/expected "value:Effect"/) },
    ]);
  });

  it('requires the cluster name', () => {
    const issues = desiredIssuesOf(() => readDesired('apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  region: x\n'));
    expect(issues).toEqual([{ field: 'metadata.name', message: 'is required' }]);
  });

  it('reports a desiredCapacity outside the range as eksctl does', () => {
    const issues = desiredIssuesOf(() => readDesired(config('  - name: g\n    minSize: 2\n    maxSize: 3\n    desiredCapacity: 9\n')));
    expect(issues).toEqual([{ address: 'managedNodeGroups[0]', field: 'desiredCapacity', message: 'is outside minSize..maxSize (9 not in 2..3)' }]);
  });
});
