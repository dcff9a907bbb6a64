import { issuesOf, readFixture } from './__fixtures__';
import { parseDoksNodePool } from './doks';
import { parseExport } from './parseExport';

const ctx = { file: 'doks.json', cluster: 'web-prod', region: 'nyc1', account: 'acme-team' };

describe('parseDoksNodePool', () => {
  it('maps a whole pool of a node_pools list body', () => {
    const text = readFixture('doks/rest-list.json');
    const { format, pools } = parseExport(text, ctx);

    expect(format).toBe('doks');
    expect(pools[0]).toEqual({
      provider: 'doks',
      account: 'acme-team',
      region: 'nyc1',
      cluster: 'web-prod',
      name: 'web',
      mode: 'user',
      os: 'linux',
      arch: 'amd64',
      machineTypes: ['s-4vcpu-8gb'],
      capacityType: 'on-demand',
      nodeCount: 3,
      autoscaling: { enabled: true, min: 2, max: 6 },
      labels: { workload: 'web' },
      taints: [],
      zones: [],
      state: 'provisioning,running',
      // The tags DOKS adds to every pool are left out.
      tags: { owner: 'team-web', production: '' },
      raw: JSON.parse(text).node_pools[0],
    });
  });

  it('reads GPU pools, null labels and fixed-size pools', () => {
    const gpu = parseExport(readFixture('doks/rest-list.json'), ctx).pools[1];
    expect(gpu).toMatchObject({
      arch: 'amd64',
      labels: {},
      autoscaling: { enabled: false },
      taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
      tags: {},
      state: 'running',
    });
  });

  it('reads a node_pool get body and doctl output', () => {
    const [workers] = parseExport(readFixture('doks/rest-get.json'), ctx).pools;
    expect(workers).toMatchObject({
      name: 'workers',
      labels: { team: 'team-search' },
      taints: [{ key: 'dedicated', value: 'search', effect: 'NoExecute' }],
    });
    expect(workers).not.toHaveProperty('state');

    const doctl = parseExport(readFixture('doks/doctl-list.json'), { cluster: 'tools', region: 'ams3' });
    expect(doctl.format).toBe('doks');
    expect(doctl.pools.map(p => [p.cluster, p.region, p.name, p.nodeCount, p.tags])).toEqual([
      ['tools', 'ams3', 'pool-default', 2, { team: 'platform' }],
    ]);
  });

  it('reads a pool-level version when the record has one', () => {
    const text = JSON.stringify({
      node_pools: [
        { name: 'a', size: 's-2vcpu-4gb', count: 1, version: '1.31.1-do.5' },
        { name: 'b', size: 's-2vcpu-4gb', count: 1 },
      ],
    });
    const [withVersion, without] = parseExport(text, ctx).pools;
    expect(withVersion.kubernetesVersion).toBe('1.31.1-do.5');
    expect(without).not.toHaveProperty('kubernetesVersion');
    expect(issuesOf(() => parseExport(text.replace('"1.31.1-do.5"', '1.31'), ctx))).toEqual([
      { file: 'doks.json', index: 0, field: 'version', message: 'expected a string, got 1.31' },
    ]);
  });

  it('asks for the cluster in the config, once per file', () => {
    expect(issuesOf(() => parseExport(readFixture('doks/rest-list.json'), { file: 'doks.json' }))).toEqual([
      {
        file: 'doks.json',
        field: 'cluster',
        message:
          'a doks export does not name its cluster: set `cluster` (and `region`) for this file in the source config',
      },
    ]);
    expect(() => parseDoksNodePool({ name: 'a' }, {})).toThrow(/set `cluster` for this file/);
  });

  it('rejects effects not spelled the Kubernetes way, and wrong types', () => {
    const text = JSON.stringify({
      node_pools: [
        {
          name: 'a',
          size: 's-2vcpu-4gb',
          count: '2',
          taints: [{ key: 'k', effect: 'NO_SCHEDULE' }],
          tags: 'web',
        },
      ],
    });
    expect(issuesOf(() => parseExport(text, ctx)).map(i => [i.index, i.field, i.message])).toEqual([
      [0, 'count', 'expected a non-negative integer, got "2"'],
      [0, 'taints[0].effect', 'expected one of NoSchedule, PreferNoSchedule, NoExecute, got "NO_SCHEDULE"'],
      [0, 'tags', 'expected a list, got "web"'],
    ]);
  });
});
