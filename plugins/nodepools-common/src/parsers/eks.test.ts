import { issuesOf, readFixture, thrownBy } from './__fixtures__';
import { parseEksNodegroup } from './eks';
import { parseExport } from './parseExport';
import { ItemFieldError, ItemFieldErrors } from './types';

describe('parseEksNodegroup', () => {
  it('maps a whole describe-nodegroup record', () => {
    const text = readFixture('eks/describe-nodegroup-graviton.json');
    const { format, pools } = parseExport(text, { file: 'eks.json' });

    expect(format).toBe('eks-nodegroup');
    expect(pools).toEqual([
      {
        provider: 'eks',
        account: '444455556666',
        region: 'eu-west-1',
        cluster: 'shop-prod',
        name: 'api-graviton',
        mode: 'user',
        os: 'linux',
        arch: 'arm64',
        machineTypes: ['m7g.xlarge', 'm6g.xlarge'],
        capacityType: 'on-demand',
        nodeCount: 4,
        autoscaling: { enabled: true, min: 2, max: 12 },
        labels: { workload: 'api', team: 'team-checkout' },
        taints: [],
        zones: [],
        kubernetesVersion: '1.31',
        nodeImageVersion: '1.31.4-20250123',
        state: 'ACTIVE',
        tags: { owner: 'team-checkout', 'cost-center': 'cc-4410' },
        diskSizeGb: 50,
        raw: JSON.parse(text).nodegroup,
      },
    ]);
  });

  it('reads OS, architecture, capacity, mode and taints from an array of outputs', () => {
    const { pools } = parseExport(readFixture('eks/describe-nodegroups-array.json'));
    const byName = Object.fromEntries(pools.map(p => [p.name, p]));

    expect(pools.map(p => p.name)).toEqual([
      'system',
      'batch-spot',
      'win-2022',
      'gpu-inference',
      'bottlerocket-arm',
      'custom-ami',
    ]);
    expect(byName.system).toMatchObject({
      mode: 'system',
      taints: [{ key: 'CriticalAddonsOnly', effect: 'NoSchedule' }],
      autoscaling: { enabled: false, min: 2, max: 2 },
    });
    expect(byName['batch-spot']).toMatchObject({
      mode: 'user',
      capacityType: 'spot',
      arch: 'amd64',
      machineTypes: ['c6i.2xlarge', 'c6a.2xlarge', 'c5.2xlarge'],
      autoscaling: { enabled: true, min: 0, max: 20 },
      taints: [
        { key: 'spot', value: 'true', effect: 'NoSchedule' },
        { key: 'batch-only', effect: 'PreferNoSchedule' },
      ],
    });
    expect(byName['win-2022']).toMatchObject({
      os: 'windows',
      arch: 'amd64',
      capacityType: 'on-demand',
      state: 'UPDATING',
    });
    expect(byName['gpu-inference']).toMatchObject({
      capacityType: 'capacity-block',
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
    });
    expect(byName['bottlerocket-arm']).toMatchObject({ os: 'linux', arch: 'arm64' });
    expect(byName['custom-ami'].arch).toBe('arm64');
  });

  it('accepts bare nodegroups and {"nodegroups": [...]} of full records', () => {
    const bare = parseExport(readFixture('eks/nodegroups-bare-array.json')).pools;
    expect(bare.map(p => [p.cluster, p.name, p.region])).toEqual([
      ['ledger-prod', 'general', 'ap-southeast-2'],
      ['ledger-prod', 'custom-unknown-arch', 'ap-southeast-2'],
    ]);
    expect(bare[1]).not.toHaveProperty('arch');
    expect(bare[1].machineTypes).toEqual([]);

    const wrapped = parseExport(readFixture('eks/nodegroups-wrapped-list.json')).pools;
    expect(wrapped).toHaveLength(1);
    expect(wrapped[0]).toMatchObject({
      cluster: 'edge-prod',
      taints: [{ key: 'role', value: 'ingress', effect: 'NoExecute' }],
    });
  });

  it('takes an SDK object whose dates are Date objects', () => {
    const sdkObject = {
      nodegroupName: 'workers',
      clusterName: 'prod',
      createdAt: new Date('2025-01-01T00:00:00Z'),
      scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
    };
    const pool = parseEksNodegroup(sdkObject, { account: '111122223333', region: 'us-east-1' });

    expect(pool).toMatchObject({
      account: '111122223333',
      region: 'us-east-1',
      cluster: 'prod',
      nodeCount: 2,
    });
    expect(pool.raw).toBe(sdkObject);
  });

  it('lets the ARN win over the context, and the context fill what the record lacks', () => {
    const withArn = parseEksNodegroup(
      { nodegroupName: 'a', nodegroupArn: 'arn:aws-cn:eks:cn-north-1:111122223333:nodegroup/cn-prod/a/uuid' },
      { account: '999999999999', region: 'eu-west-1', cluster: 'other' },
    );
    expect([withArn.account, withArn.region, withArn.cluster]).toEqual([
      '111122223333',
      'cn-north-1',
      'cn-prod',
    ]);

    const fromContext = parseEksNodegroup({ nodegroupName: 'b' }, { cluster: 'from-config' });
    expect(fromContext.cluster).toBe('from-config');
  });

  it('reports the cluster as missing when neither the record nor the context names it', () => {
    const error = thrownBy(() => parseEksNodegroup({ nodegroupName: 'b' }, {}));
    expect(error).toBeInstanceOf(ItemFieldError);
    expect(error).toMatchObject({
      field: 'clusterName',
      message: 'is required: the record has no clusterName or nodegroupArn; set `cluster` for this file',
    });
  });

  it('reports every bad field of every item, with positions', () => {
    expect(issuesOf(() => parseExport(readFixture('eks/bad-records.json'), { file: 'bad.json' }))).toEqual([
      { file: 'bad.json', index: 1, field: 'nodegroupName', message: 'is required' },
      {
        file: 'bad.json',
        index: 1,
        field: 'capacityType',
        message: 'expected one of ON_DEMAND, SPOT, CAPACITY_BLOCK, got "RESERVED"',
      },
      {
        file: 'bad.json',
        index: 1,
        field: 'taints[0].effect',
        message: 'expected one of NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE, got "NoSchedule"',
      },
      {
        file: 'bad.json',
        index: 1,
        field: 'scalingConfig.minSize',
        message: 'expected a non-negative integer, got "three"',
      },
      { file: 'bad.json', index: 1, field: 'labels.tier', message: 'expected a string, got 2' },
    ]);
  });

  it('rejects a malformed ARN and a record that is not an object', () => {
    const wrongArn = { nodegroupName: 'a', nodegroupArn: 'arn:aws:ec2:::x' };
    expect(thrownBy(() => parseEksNodegroup(wrongArn, { cluster: 'c' }))).toMatchObject({
      field: 'nodegroupArn',
      message: 'expected arn:aws:eks:REGION:ACCOUNT:nodegroup/CLUSTER/NAME/ID, got "arn:aws:ec2:::x"',
    });
    const error = thrownBy(() => parseEksNodegroup('workers', {}));
    expect(error).toBeInstanceOf(ItemFieldErrors);
    expect((error as ItemFieldErrors).problems.map(p => [p.field, p.message])).toEqual([
      [undefined, 'expected an EKS nodegroup object, got "workers"'],
      ['nodegroupName', 'is required'],
      ['clusterName', expect.stringContaining('is required')],
    ]);
  });
});
