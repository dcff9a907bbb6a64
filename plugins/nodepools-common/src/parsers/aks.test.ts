import { issuesOf, readFixture } from './__fixtures__';
import { parseAksAgentPool, parseAksAgentPoolListing } from './aks';
import { parseExport } from './parseExport';

const ctx = { file: 'aks.json', region: 'westeurope' };
const SUBSCRIPTION = '0a1b2c3d-1111-4222-8333-444455556666';
const SPOT_TAINT = { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' };

describe('parseAksAgentPool', () => {
  it('maps a whole pool of the ARM wire shape', () => {
    const text = readFixture('aks/arm-list.json');
    const { format, pools } = parseExport(text, ctx);

    expect(format).toBe('aks-arm');
    expect(pools[0]).toEqual({
      provider: 'aks',
      account: SUBSCRIPTION,
      region: 'westeurope',
      cluster: 'checkout-prod',
      name: 'system',
      mode: 'system',
      os: 'linux',
      arch: 'amd64',
      machineTypes: ['Standard_D4ds_v5'],
      capacityType: 'on-demand',
      nodeCount: 3,
      autoscaling: { enabled: true, min: 3, max: 5 },
      labels: { team: 'platform' },
      taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }],
      zones: ['1', '2', '3'],
      kubernetesVersion: '1.31.3',
      nodeImageVersion: 'AKSAzureLinux-V2gen2-202501.12.0',
      state: 'Succeeded',
      tags: {},
      maxPodsPerNode: 50,
      diskSizeGb: 128,
      raw: JSON.parse(text).value[0],
    });
  });

  it('reads ARM VM sizes, Windows pools and Spot pools with the marks AKS adds', () => {
    const [, arm, spot, windows] = parseExport(readFixture('aks/arm-list.json'), ctx).pools;

    expect(arm).toMatchObject({ arch: 'arm64', mode: 'user', tags: { owner: 'team-checkout' } });
    expect(spot).toMatchObject({
      capacityType: 'spot',
      mode: 'user',
      nodeCount: 0,
      labels: { 'kubernetes.azure.com/scalesetpriority': 'spot' },
      taints: [{ key: 'batch-only', effect: 'PreferNoSchedule' }, SPOT_TAINT],
    });
    expect(windows).toMatchObject({ os: 'windows', autoscaling: { enabled: false } });
  });

  it('reads `az aks nodepool show` output without duplicating the Spot taint', () => {
    const { format, pools } = parseExport(readFixture('aks/cli-show.json'), ctx);

    expect(format).toBe('aks-cli');
    expect(pools[0]).toMatchObject({
      cluster: 'search-dev',
      arch: 'arm64',
      capacityType: 'spot',
      state: 'Stopped',
      diskSizeGb: 64,
      zones: ['1', '2', '3'],
      labels: { workload: 'ingest', 'kubernetes.azure.com/scalesetpriority': 'spot' },
      taints: [
        { key: 'dedicated', value: 'ingest', effect: 'NoSchedule' },
        { key: 'ingest-only', effect: 'NoExecute' },
        SPOT_TAINT,
      ],
    });
  });

  describe('pools without a mode', () => {
    it('are user pools next to other pools', () => {
      const { pools } = parseExport(readFixture('aks/cli-list-without-mode.json'), ctx);
      expect(pools.map(p => [p.name, p.mode, p.diskSizeGb])).toEqual([
        ['nodepool1', 'system', 128],
        ['oldpool', 'user', 100],
      ]);
    });

    it('is the system pool when it is the only pool of a complete listing', () => {
      const { pools } = parseExport(readFixture('aks/cli-single-without-mode.json'), ctx);
      expect(pools.map(p => [p.cluster, p.mode])).toEqual([['sandbox', 'system']]);
    });

    it('stay user pools when more pages follow or only one pool was fetched', () => {
      expect(parseExport(readFixture('aks/arm-list-next-page.json'), ctx).pools[0].mode).toBe('user');
      const single = JSON.parse(readFixture('aks/cli-single-without-mode.json'))[0];
      expect(parseExport(JSON.stringify(single), ctx).pools[0].mode).toBe('user');
      expect(parseAksAgentPool(single, ctx).mode).toBe('user');
    });

    it('count per cluster in a listing the caller completed itself', () => {
      const record = (cluster: string, name: string) => ({
        id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${cluster}/agentPools/${name}`,
        name,
        vmSize: 'Standard_D2s_v5',
      });
      const pools = parseAksAgentPoolListing(
        [record('a', 'one'), record('b', 'one'), record('b', 'two')],
        ctx,
      );
      expect(pools.map(p => `${p.cluster}/${p.name}:${p.mode}`)).toEqual([
        'a/one:system',
        'b/one:user',
        'b/two:user',
      ]);
    });
  });

  it('takes the name from the id and the cluster from the context when the record lacks them', () => {
    const pool = parseAksAgentPool(
      { id: `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c1/agentpools/np2` },
      {},
    );
    expect([pool.account, pool.cluster, pool.name]).toEqual([SUBSCRIPTION, 'c1', 'np2']);
    const bare = { name: 'np3', vmSize: 'Standard_D2s_v5' };
    expect(parseAksAgentPool(bare, { cluster: 'cfg', account: 'sub' })).toMatchObject({
      cluster: 'cfg',
      account: 'sub',
    });
    expect(() => parseAksAgentPool({ name: 'np3' }, {})).toThrow(/set `cluster` for this file/);
  });

  it('reports bad taint strings, modes and counts with their paths', () => {
    const issues = issuesOf(() => parseExport(readFixture('aks/bad-records.json'), ctx));
    const taintMessage = (got: string) =>
      `expected "key=value:Effect" or "key:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute, got ${got}`;

    // The unknown mode "Worker" is no error (ARM modes are an open set).
    expect(issues).toEqual([
      { file: 'aks.json', index: 0, field: 'properties.nodeTaints[0]', message: taintMessage('"dedicated=db:NoScheduleX"') },
      { file: 'aks.json', index: 0, field: 'properties.nodeTaints[1]', message: taintMessage('"=x:NoSchedule"') },
      { file: 'aks.json', index: 0, field: 'properties.nodeTaints[2]', message: taintMessage('7') },
      {
        file: 'aks.json',
        index: 0,
        field: 'properties.count',
        message: 'expected a non-negative integer, got 2.5',
      },
    ]);
  });
});

describe('AKS identifiers and values, read leniently', () => {
  const pool = (record: Record<string, unknown>, context: Record<string, string> = {}) => {
    const { pools, warnings } = parseExport(JSON.stringify({ name: 'np1', vmSize: 'Standard_D4s_v5', ...record }), {
      ...ctx,
      ...context,
    });
    return { pool: pools[0], warnings };
  };
  const id = (...segments: string[]) => `/${segments.join('/')}`;

  it.each([
    ['camel case', id('subscriptions', SUBSCRIPTION, 'resourceGroups', 'rg', 'providers', 'Microsoft.ContainerService', 'managedClusters', 'c1', 'agentPools', 'np1')],
    ['lower case', id('subscriptions', SUBSCRIPTION, 'resourcegroups', 'rg', 'providers', 'microsoft.containerservice', 'managedclusters', 'c1', 'agentpools', 'np1')],
    ['upper case', id('SUBSCRIPTIONS', SUBSCRIPTION, 'RESOURCEGROUPS', 'RG', 'PROVIDERS', 'MICROSOFT.CONTAINERSERVICE', 'MANAGEDCLUSTERS', 'c1', 'AGENTPOOLS', 'np1')],
    ['a trailing slash', `${id('subscriptions', SUBSCRIPTION, 'resourceGroups', 'rg', 'providers', 'Microsoft.ContainerService', 'managedClusters', 'c1', 'agentPools', 'np1')}/`],
    ['a child resource', id('subscriptions', SUBSCRIPTION, 'resourceGroups', 'rg', 'providers', 'Microsoft.ContainerService', 'managedClusters', 'c1', 'agentPools', 'np1', 'machines', 'm0')],
  ])('reads the subscription and cluster from an id in %s', (_, poolId) => {
    const { pool: read, warnings } = pool({ id: poolId });
    expect([read.account, read.cluster, read.name]).toEqual([SUBSCRIPTION, 'c1', 'np1']);
    expect(warnings).toEqual([]);
  });

  it('imports a pool whose id names no cluster from the config, with a warning', () => {
    const { pool: read, warnings } = pool({ id: '/subscriptions/s1/resourceGroups/rg' }, { cluster: 'cfg', account: 'sub' });
    expect([read.account, read.cluster]).toEqual(['sub', 'cfg']);
    expect(warnings).toEqual([
      {
        file: 'aks.json',
        index: 0,
        field: 'id',
        severity: 'warning',
        message:
          "not an agent pool id (/subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/C/agentPools/N): the subscription and cluster come from the file's config",
      },
    ]);
    expect(issuesOf(() => pool({ id: 'np1' }))).toEqual([
      {
        file: 'aks.json',
        index: 0,
        field: 'id',
        message:
          'names no cluster (/subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/C/agentPools/N): set `cluster` for this file',
      },
    ]);
  });

  it.each([
    [{ mode: 'System' }, { mode: 'system' }],
    [{ mode: 'system' }, { mode: 'system' }],
    [{ mode: 'ManagedSystem' }, { mode: 'system' }],
    [{ mode: 'Gateway' }, { mode: 'user' }],
    [{ mode: 'Machines' }, { mode: 'user' }],
    [{ osType: 'windows' }, { os: 'windows' }],
    [{ osSku: 'windows2025' }, { os: 'windows' }],
    [{ scaleSetPriority: 'spot' }, { capacityType: 'spot' }],
    [{ provisioningState: 'Upgrading' }, { state: 'Upgrading' }],
    [{ provisioningState: 'SomeNewState', powerState: { code: 'stopped' } }, { state: 'Stopped' }],
  ])('reads %j as %j without a warning', (record, expected) => {
    const { pool: read, warnings } = pool({ ...record }, { cluster: 'c' });
    expect(read).toMatchObject(expected);
    expect(warnings).toEqual([]);
  });

  it('reads modes, priorities and OS types AKS adds later as the defaults, with warnings', () => {
    const { pool: read, warnings } = pool(
      { mode: 'Edge', scaleSetPriority: 'Reserved', osType: 'Plan9' },
      { cluster: 'c' },
    );
    expect(read).toMatchObject({ mode: 'user', capacityType: 'on-demand', os: 'linux' });
    expect(warnings.map(w => [w.field, w.message])).toEqual([
      ['scaleSetPriority', 'unknown value "Reserved" (known: Spot, Regular): read as Regular'],
      ['mode', 'unknown value "Edge" (known: System, User, Gateway, ManagedSystem, Machines): read as User'],
      ['osType', 'unknown value "Plan9" (known: Linux, Windows): read as Linux'],
    ]);
  });
});
