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

    expect(format).toBe('aks-agentpool-arm');
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

    expect(format).toBe('aks-agentpool-cli');
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

    expect(issues).toEqual([
      {
        file: 'aks.json',
        index: 0,
        field: 'properties.mode',
        message: 'expected one of System, User, Gateway, got "Worker"',
      },
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
