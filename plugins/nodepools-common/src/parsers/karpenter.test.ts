import { parseAllDocuments } from 'yaml';
import { issuesOf, readFixture } from './__fixtures__';
import { parseKarpenterNodePool } from './karpenter';
import { parseExport } from './parseExport';

const ctx = { file: 'np.yaml', cluster: 'shop-prod', region: 'eu-west-1', account: '444455556666' };

describe('parseKarpenterNodePool', () => {
  it('reads the NodePools of a multi-document file and skips the NodeClasses', () => {
    const { format, pools } = parseExport(readFixture('karpenter/multi-document.yaml'), ctx);

    expect(format).toBe('karpenter');
    expect(pools.map(p => p.name)).toEqual(['system', 'batch-mixed', 'windows']);
  });

  it('maps a whole NodePool', () => {
    const text = readFixture('karpenter/multi-document.yaml');
    const batch = parseExport(text, ctx).pools[1];

    expect(batch).toEqual({
      provider: 'karpenter',
      account: '444455556666',
      region: 'eu-west-1',
      cluster: 'shop-prod',
      name: 'batch-mixed',
      mode: 'user',
      os: 'linux',
      arch: 'arm64',
      machineTypes: ['c7g.2xlarge', 'm7g.2xlarge', 'm7g.4xlarge'],
      capacityType: 'mixed',
      nodeCount: 3,
      autoscaling: { enabled: true },
      labels: { workload: 'batch' },
      taints: [{ key: 'workload', value: 'batch', effect: 'NoSchedule' }],
      zones: ['eu-west-1a', 'eu-west-1b'],
      state: 'NotReady',
      tags: { owner: 'team-data' },
      requirements: [
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
        { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
        {
          key: 'node.kubernetes.io/instance-type',
          operator: 'In',
          values: ['m7g.2xlarge', 'c7g.2xlarge', 'm7g.4xlarge'],
        },
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1b', 'eu-west-1a'] },
        { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['6'] },
        { key: 'karpenter.k8s.aws/instance-cpu', operator: 'Lt', values: ['17'] },
      ],
      limits: { cpu: '1000', memory: '4000Gi' },
      raw: parseAllDocuments(text)[2].toJS(),
    });
  });

  it('recognizes the Auto Mode system pool, v1beta1 pools and Windows pools', () => {
    const [system, , windows] = parseExport(readFixture('karpenter/multi-document.yaml'), ctx).pools;

    expect(system).toMatchObject({
      mode: 'system',
      capacityType: 'on-demand',
      os: 'linux',
      nodeCount: 2,
      state: 'Ready',
      taints: [{ key: 'CriticalAddonsOnly', effect: 'NoSchedule' }],
      tags: { 'app.kubernetes.io/managed-by': 'eks' },
    });
    // Both architectures allowed: none can be named.
    expect(system).not.toHaveProperty('arch');
    expect(windows).toMatchObject({ os: 'windows', capacityType: 'on-demand', maxPodsPerNode: 40 });
    expect(windows.requirements).toContainEqual({
      key: 'karpenter.k8s.aws/instance-family',
      operator: 'Exists',
    });
  });

  it('opens a kind: List and defaults the capacity type as Karpenter does', () => {
    const [defaults, gpu] = parseExport(readFixture('karpenter/list.yaml'), ctx).pools;

    expect(defaults).toMatchObject({ name: 'default', capacityType: 'mixed', machineTypes: [] });
    expect(gpu).toMatchObject({
      name: 'gpu',
      capacityType: 'on-demand',
      machineTypes: ['g6.2xlarge'],
      taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
    });
  });

  it('rejects a file without any NodePool, naming what it found', () => {
    expect(issuesOf(() => parseExport(readFixture('karpenter/nodeclasses-only.yaml'), ctx))).toEqual([
      {
        file: 'np.yaml',
        message:
          'no Karpenter NodePool (karpenter.sh/v1) in the export: found only EC2NodeClass (karpenter.k8s.aws/v1), NodeClass (eks.amazonaws.com/v1)',
      },
    ]);
  });

  it('reports every bad requirement, taint and limit with its path', () => {
    const issues = issuesOf(() => parseExport(readFixture('karpenter/bad-records.yaml'), ctx));

    // The unknown capacity type "preemptible" is no error (Karpenter adds capacity types).
    expect(issues.map(({ index, field, message }) => ({ index, field, message }))).toEqual([
      {
        index: 0,
        field: 'spec.template.spec.requirements[1].values',
        message: 'operator Gt takes exactly one integer value, got ["four"]',
      },
      {
        index: 0,
        field: 'spec.template.spec.requirements[2].operator',
        message: 'expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte, got "Matches"',
      },
      {
        index: 0,
        field: 'spec.template.spec.taints[0].effect',
        message: 'expected one of NoSchedule, PreferNoSchedule, NoExecute, got "NO_SCHEDULE"',
      },
      { index: 1, field: 'metadata.name', message: 'is required' },
      {
        index: 1,
        field: 'spec.limits.cpu',
        message: 'expected a quantity such as "1000" or "500Gi", got an array',
      },
    ]);
  });

  const withRequirements = (...requirements: unknown[]) =>
    JSON.stringify({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'np' },
      spec: { template: { spec: { requirements } } },
    });

  it('reads requirements that leave no capacity type as a NodePool that launches nothing', () => {
    const { pools, warnings } = parseExport(
      withRequirements(
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
        { key: 'karpenter.sh/capacity-type', operator: 'NotIn', values: ['spot'] },
      ),
      ctx,
    );
    expect(pools[0]).toMatchObject({ capacityType: 'on-demand', autoscaling: { enabled: false } });
    expect(warnings).toEqual([
      {
        file: 'np.yaml',
        index: 0,
        field: 'spec.template.spec.requirements',
        severity: 'warning',
        message: 'the karpenter.sh/capacity-type requirements allow no capacity type: the NodePool cannot launch nodes',
      },
    ]);
  });

  it.each([
    [['on-demand', 'capacity-block'], 'on-demand', '"capacity-block" (known: on-demand, spot, reserved): left out'],
    [['spot', 'interruptible'], 'spot', '"interruptible" (known: on-demand, spot, reserved): left out'],
    [['interruptible'], 'on-demand', '"interruptible" (known: on-demand, spot, reserved): read as on-demand'],
  ])('reads capacity types %j Karpenter may add as %s, with a warning', (values, capacityType, message) => {
    const { pools, warnings } = parseExport(
      withRequirements({ key: 'karpenter.sh/capacity-type', operator: 'In', values }),
      ctx,
    );
    expect(pools[0]).toMatchObject({ capacityType, autoscaling: { enabled: true } });
    expect(warnings.map(w => w.message)).toEqual([`unknown karpenter.sh/capacity-type ${message}`]);
  });

  it('drops values of Exists and DoesNotExist requirements with a warning', () => {
    const { pools, warnings } = parseExport(
      withRequirements({ key: 'example.com/gpu', operator: 'Exists', values: ['true'] }),
      ctx,
    );
    expect(pools[0].requirements).toEqual([{ key: 'example.com/gpu', operator: 'Exists' }]);
    expect(warnings.map(w => [w.field, w.message])).toEqual([
      ['spec.template.spec.requirements[0].values', 'operator Exists ignores values: left out'],
    ]);
  });

  describe('autoscaling', () => {
    const withSpec = (spec: Record<string, unknown>, status?: Record<string, unknown>) =>
      parseKarpenterNodePool(
        {
          apiVersion: 'karpenter.sh/v1',
          kind: 'NodePool',
          metadata: { name: 'np' },
          spec: { template: { spec: { requirements: [] } }, ...spec },
          ...(status ? { status } : {}),
        },
        ctx,
      );

    it.each([
      [{ cpu: '0' }, false],
      [{ cpu: 0 }, false],
      [{ cpu: '0m' }, false],
      [{ memory: '0Gi' }, false],
      [{ cpu: '1000', memory: '0' }, false],
      [{ nodes: 0 }, false],
      [{ cpu: '1000', memory: '1000Gi' }, true],
      [{ cpu: '100m' }, true],
      // Only nodes with GPUs are ruled out.
      [{ 'nvidia.com/gpu': 0 }, true],
      // Not a quantity: kept as written, limits nothing.
      [{ cpu: 'none' }, true],
      [undefined, true],
    ])('with limits %j is %s', (limits, enabled) => {
      const pool = withSpec(limits ? { limits } : {});
      expect(pool.autoscaling).toEqual({ enabled });
    });

    it('is off for a static NodePool, whose replicas are its node count', () => {
      const pool = withSpec({ replicas: 5, limits: { nodes: 8 } }, { nodes: 4 });
      expect(pool).toMatchObject({ autoscaling: { enabled: false }, nodeCount: 5 });
      expect(withSpec({}, { nodes: 4 })).toMatchObject({ autoscaling: { enabled: true }, nodeCount: 4 });
    });
  });

  it('needs the cluster from the context', () => {
    const nodePool = { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'a' } };
    expect(() => parseKarpenterNodePool(nodePool, {})).toThrow(/set `cluster` for this file/);
  });
});
