import { issuesOf } from './__fixtures__';
import { parseExport } from './parseExport';

/** `az aks nodepool list --query "[].{name:name, count:count, nodeLabels:nodeLabels}"`. */
const AKS_PROJECTION = JSON.stringify([
  { name: 'system', count: 3, nodeLabels: { team: 'platform' } },
  { name: 'batch', count: 0, nodeLabels: null },
]);

describe('exports with a named format', () => {
  it('reads a projection whose shape cannot be recognized, leaving missing fields unknown', () => {
    expect(issuesOf(() => parseExport(AKS_PROJECTION, { file: 'aks.json', cluster: 'c1' }))[0].message).toMatch(
      /^unrecognized export \(item 0 is not a node pool record/,
    );

    const { format, pools, warnings } = parseExport(AKS_PROJECTION, {
      file: 'aks.json',
      format: 'aks-cli',
      cluster: 'c1',
      region: 'westeurope',
      account: 'sub-1',
    });

    expect(format).toBe('aks-cli');
    expect(warnings).toEqual([]);
    expect(pools.map(({ raw, ...pool }) => pool)).toEqual([
      {
        provider: 'aks',
        account: 'sub-1',
        region: 'westeurope',
        cluster: 'c1',
        name: 'system',
        mode: 'user',
        os: 'linux',
        machineTypes: [],
        capacityType: 'on-demand',
        nodeCount: 3,
        autoscaling: { enabled: false },
        labels: { team: 'platform' },
        taints: [],
        zones: [],
        tags: {},
      },
      {
        provider: 'aks',
        account: 'sub-1',
        region: 'westeurope',
        cluster: 'c1',
        name: 'batch',
        mode: 'user',
        os: 'linux',
        machineTypes: [],
        capacityType: 'on-demand',
        nodeCount: 0,
        autoscaling: { enabled: false },
        labels: {},
        taints: [],
        zones: [],
        tags: {},
      },
    ]);
  });

  it('requires only the identifying fields, and names them', () => {
    const text = JSON.stringify([{ count: 3 }, { name: 'b' }]);
    expect(issuesOf(() => parseExport(text, { file: 'aks.json', format: 'aks-cli' }))).toEqual([
      { file: 'aks.json', index: 0, field: 'name', message: 'is required' },
      {
        file: 'aks.json',
        index: 0,
        field: 'id',
        message: 'is required to know the cluster: the record has no id; set `cluster` for this file',
      },
      {
        file: 'aks.json',
        index: 1,
        field: 'id',
        message: 'is required to know the cluster: the record has no id; set `cluster` for this file',
      },
    ]);
    expect(issuesOf(() => parseExport('[{"name": "a"}]', { file: 'doks.json', format: 'doks' }))).toEqual([
      {
        file: 'doks.json',
        field: 'cluster',
        message: 'a doks export does not name its cluster: set `cluster` (and `region`) for this file in the source config',
      },
    ]);
  });

  it('refuses an unknown format, listing the valid ones', () => {
    expect(issuesOf(() => parseExport(AKS_PROJECTION, { file: 'aks.json', format: 'azure' }))).toEqual([
      {
        file: 'aks.json',
        field: 'format',
        message: 'unknown format "azure": valid formats are eks, karpenter, gke, aks-arm, aks-cli, doks',
      },
    ]);
  });

  it.each([
    ['eks', '[{"nodegroupName": "a"}, {"nodegroup": {"nodegroupName": "b"}}]', ['a', 'b']],
    ['eks', '{"nodegroups": [{"nodegroupName": "a"}]}', ['a']],
    ['gke', '[{"name": "default-pool", "version": "1.31.5-gke.1"}]', ['default-pool']],
    ['gke', '{"nodePools": [{"name": "a"}, {"name": "b"}]}', ['a', 'b']],
    ['doks', '[{"name": "web", "count": 2}]', ['web']],
    ['doks', '{"node_pool": {"name": "web"}}', ['web']],
    ['aks-arm', '{"value": [{"name": "np1", "properties": {"count": 1}}]}', ['np1']],
    ['karpenter', '[{"metadata": {"name": "general"}, "spec": {"limits": {"cpu": "100"}}}]', ['general']],
    [
      'karpenter',
      'apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n- kind: EC2NodeClass\n  metadata: {name: default}\n',
      ['a'],
    ],
    ['aks-cli', 'name: np1\ncount: 2\n', ['np1']],
  ])('reads a %s export of shape %s', (format, text, names) => {
    const { pools } = parseExport(text, { format, cluster: 'c' });
    expect(pools.map(p => p.name)).toEqual(names);
  });

  it('keeps the listing rules of the shape: a paged AKS list does not make a sole pool the system pool', () => {
    const page = (nextLink?: string) =>
      JSON.stringify({ value: [{ name: 'np1', properties: { count: 1 } }], ...(nextLink ? { nextLink } : {}) });
    expect(parseExport(page(), { format: 'aks-arm', cluster: 'c' }).pools[0].mode).toBe('system');
    expect(parseExport(page('https://next'), { format: 'aks-arm', cluster: 'c' }).pools[0].mode).toBe('user');
  });

  it('reports records that are not objects, error bodies and empty Karpenter files', () => {
    expect(issuesOf(() => parseExport('["np1"]', { file: 'f', format: 'gke', cluster: 'c' }))).toEqual([
      { file: 'f', index: 0, message: 'expected a GKE node pool object, got "np1"' },
      { file: 'f', index: 0, field: 'name', message: 'is required' },
    ]);
    expect(issuesOf(() => parseExport('"np1"', { file: 'f', format: 'gke' }))).toEqual([
      { file: 'f', message: 'a gke export holds node pool records or a list of them, got "np1"' },
    ]);
    expect(
      issuesOf(() => parseExport('{"error": {"code": 403, "message": "denied"}}', { file: 'f', format: 'gke' })),
    ).toEqual([{ file: 'f', message: 'the export is an error response from the cloud API, not node pools: denied' }]);
    expect(
      issuesOf(() => parseExport('kind: EC2NodeClass\nmetadata: {name: a}\n', { file: 'f', format: 'karpenter', cluster: 'c' })),
    ).toEqual([{ file: 'f', message: 'no Karpenter NodePool in the export' }]);
  });
});
