import { issuesOf, readFixture } from './__fixtures__';
import { parseGkeNodePool } from './gke';
import { parseExport } from './parseExport';

describe('parseGkeNodePool', () => {
  it('maps a whole pool of a regional cluster', () => {
    const text = readFixture('gke/regional-list.json');
    const { format, pools } = parseExport(text);

    expect(format).toBe('gke-nodepool');
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

    expect(format).toBe('gke-nodepool');
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
      { file: 'gke.json', index: 1, field: 'name', message: 'is required' },
      {
        file: 'gke.json',
        index: 1,
        field: 'selfLink',
        message:
          'expected .../projects/PROJECT/locations/LOCATION/clusters/CLUSTER/nodePools/NAME, got "https://container.googleapis.com/v1/projects/acme-shop-prod/clusters/shop-eu"',
      },
      { file: 'gke.json', index: 1, field: 'locations', message: 'expected a list, got "europe-west4-a"' },
    ]);
  });
});
