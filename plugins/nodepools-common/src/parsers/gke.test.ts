import { issuesOf, readFixture } from './__fixtures__';
import { parseGkeNodePool } from './gke';
import { parseExport } from './parseExport';

describe('parseGkeNodePool', () => {
  it('maps a whole pool of a regional cluster', () => {
    const text = readFixture('gke/regional-list.json');
    const { format, pools } = parseExport(text);

    expect(format).toBe('gke');
    expect(pools[0]).toEqual({
      provider: 'gke',
      account: 'acme-shop-prod',
      region: 'europe-west4',
      cluster: 'shop-eu',
      name: 'default-pool',
      mode: 'user',
      os: 'linux',
      arch: 'amd64',
      machineTypes: ['e2-standard-4'],
      capacityType: 'on-demand',
      // 1..4 nodes in each of 3 zones.
      autoscaling: { enabled: true, min: 3, max: 12 },
      labels: { team: 'platform' },
      taints: [],
      zones: ['europe-west4-a', 'europe-west4-b', 'europe-west4-c'],
      kubernetesVersion: '1.31.5-gke.1023000',
      state: 'RUNNING',
      tags: { owner: 'platform', 'goog-gke-node-pool-provisioning-model': 'on-demand' },
      maxPodsPerNode: 110,
      diskSizeGb: 100,
      raw: JSON.parse(text).nodePools[0],
    });
  });

  it('reads spot, total autoscaling bounds, ARM, Windows and fixed-size pools', () => {
    const [, spot, arm, windows] = parseExport(readFixture('gke/regional-list.json')).pools;

    expect(spot).toMatchObject({
      capacityType: 'spot',
      autoscaling: { enabled: true, min: 0, max: 30 },
      taints: [
        { key: 'cloud.google.com/gke-spot', value: 'true', effect: 'NoSchedule' },
        { key: 'workload', value: 'batch', effect: 'PreferNoSchedule' },
      ],
      tags: { team: 'team-data' },
    });
    expect(spot).not.toHaveProperty('nodeCount');
    expect(arm).toMatchObject({ arch: 'arm64', autoscaling: { enabled: false }, nodeCount: 6 });
    expect(windows).toMatchObject({
      os: 'windows',
      autoscaling: { enabled: false },
      nodeCount: 1,
      state: 'PROVISIONING',
    });
  });

  it('places a zonal cluster from gcloud output in its region and zone', () => {
    const { format, pools } = parseExport(readFixture('gke/zonal-gcloud-list.json'));
    const [defaults, gpu] = pools;

    expect(format).toBe('gke');
    expect(defaults).toMatchObject({
      account: 'acme-ml-dev',
      region: 'us-central1',
      cluster: 'ml-dev',
      zones: ['us-central1-a'],
      nodeCount: 3,
      autoscaling: { enabled: false },
    });
    expect(gpu).toMatchObject({
      capacityType: 'spot',
      machineTypes: ['g2-standard-8'],
      autoscaling: { enabled: true, min: 0, max: 4 },
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    });
  });

  it('reads a single nodePools.get body, taking the cluster from the context when there is no selfLink', () => {
    const { pools } = parseExport(
      JSON.stringify({ name: 'pool-a', config: { machineType: 'c4a-standard-4' }, initialNodeCount: 2 }),
      { cluster: 'from-config', region: 'us-east4', account: 'acme-p' },
    );

    expect(pools).toHaveLength(1);
    expect(pools[0]).toMatchObject({
      cluster: 'from-config',
      region: 'us-east4',
      account: 'acme-p',
      arch: 'arm64',
    });
    // Regional and no locations: neither the zones nor the node count are known.
    expect(pools[0].zones).toEqual([]);
    expect(pools[0]).not.toHaveProperty('nodeCount');
  });

  it('needs a cluster from the selfLink or the context', () => {
    expect(() => parseGkeNodePool({ name: 'pool-a' }, {})).toThrow(/set `cluster` for this file/);
  });

  it('reports every bad field with its path', () => {
    const issues = issuesOf(() => parseExport(readFixture('gke/bad-records.json'), { file: 'gke.json' }));

    expect(issues).toEqual([
      {
        file: 'gke.json',
        index: 0,
        field: 'autoscaling.maxNodeCount',
        message: 'expected a non-negative integer, got -1',
      },
      { file: 'gke.json', index: 0, field: 'config.spot', message: 'expected true or false, got "yes"' },
      {
        file: 'gke.json',
        index: 0,
        field: 'config.taints[0].effect',
        message: 'expected one of NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE, got "NoSchedule"',
      },
      // The cluster's selfLink (no location, no pool) still names the project and cluster.
      { file: 'gke.json', index: 1, field: 'name', message: 'is required' },
      { file: 'gke.json', index: 1, field: 'locations', message: 'expected a list, got "europe-west4-a"' },
    ]);
  });
});

describe('GKE identifiers and values, read leniently', () => {
  const ctx = { file: 'gke.json', account: 'ctx-project', region: 'ctx-region' };
  const parse = (record: Record<string, unknown>, context: Record<string, string> = {}) =>
    parseExport(JSON.stringify({ name: 'pool-a', config: { machineType: 'e2-medium' }, ...record }), {
      ...ctx,
      ...context,
    });
  const host = 'https://container.googleapis.com';

  it.each([
    ['v1', `${host}/v1/projects/p1/locations/europe-west4/clusters/c1/nodePools/pool-a`, ['p1', 'europe-west4', 'c1', []]],
    ['v1beta1', `${host}/v1beta1/projects/p1/locations/us-central1-a/clusters/c1/nodePools/pool-a`, ['p1', 'us-central1', 'c1', ['us-central1-a']]],
    ['an older zones/ link', `${host}/v1/projects/p1/zones/asia-southeast1-b/clusters/c1/nodePools/pool-a`, ['p1', 'asia-southeast1', 'c1', ['asia-southeast1-b']]],
    ['an AI zone', `${host}/v1/projects/p1/locations/us-south1-ai1b/clusters/c1/nodePools/pool-a`, ['p1', 'us-south1', 'c1', ['us-south1-ai1b']]],
    ['a relative name', 'projects/p1/locations/northamerica-northeast1/clusters/c1/nodePools/pool-a', ['p1', 'northamerica-northeast1', 'c1', []]],
    ['a trailing slash', `${host}/v1/projects/p1/locations/me-central2/clusters/c1/nodePools/pool-a/`, ['p1', 'me-central2', 'c1', []]],
  ])('reads project, region, cluster and zone from a %s selfLink', (_, selfLink, [project, region, cluster, zones]) => {
    const { pools, warnings } = parse({ selfLink });
    expect([pools[0].account, pools[0].region, pools[0].cluster, pools[0].zones]).toEqual([
      project,
      region,
      cluster,
      zones,
    ]);
    expect(warnings).toEqual([]);
  });

  it('imports a pool whose selfLink names no cluster from the config, with a warning', () => {
    const selfLink = `${host}/v1/projects/p1/locations/europe-west4/operations/op-1`;
    const { pools, warnings } = parse({ selfLink }, { cluster: 'cfg' });
    expect([pools[0].account, pools[0].region, pools[0].cluster]).toEqual(['ctx-project', 'ctx-region', 'cfg']);
    expect(warnings).toEqual([
      {
        file: 'gke.json',
        index: 0,
        field: 'selfLink',
        severity: 'warning',
        message:
          "names no cluster (.../projects/PROJECT/locations/LOCATION/clusters/CLUSTER/nodePools/NAME): the project, region and cluster come from the file's config",
      },
    ]);
    expect(issuesOf(() => parse({ selfLink })).map(i => [i.field, i.message])).toEqual([
      [
        'selfLink',
        'names no cluster (.../projects/PROJECT/locations/LOCATION/clusters/CLUSTER/nodePools/NAME): set `cluster` for this file',
      ],
    ]);
  });

  it('reads integers written as strings, as Google\'s JSON mapping allows', () => {
    const { pools } = parse({
      selfLink: `${host}/v1/projects/p1/locations/europe-west4/clusters/c1/nodePools/pool-a`,
      locations: ['europe-west4-a', 'europe-west4-b'],
      autoscaling: { enabled: true, minNodeCount: '1', maxNodeCount: '4' },
      config: { machineType: 'e2-medium', diskSizeGb: '100' },
      maxPodsConstraint: { maxPodsPerNode: '64' },
    });
    expect(pools[0]).toMatchObject({
      autoscaling: { enabled: true, min: 2, max: 8 },
      diskSizeGb: 100,
      maxPodsPerNode: 64,
    });
  });

  it.each(['RUNNING_WITH_ERROR', 'RECONCILING', 'STATUS_ADDED_LATER'])('keeps status %s as the state', status => {
    expect(parse({ status }, { cluster: 'c' }).pools[0].state).toBe(status);
  });

  it('reads image types regardless of case', () => {
    expect(parse({ config: { imageType: 'windows_ltsc_containerd' } }, { cluster: 'c' }).pools[0].os).toBe('windows');
  });
});
