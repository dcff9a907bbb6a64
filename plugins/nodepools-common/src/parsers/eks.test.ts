import { issuesOf, readFixture, thrownBy } from './__fixtures__';
import { parseEksNodegroup } from './eks';
import { parseExport } from './parseExport';
import { ItemFieldError, ItemFieldErrors } from './types';

describe('parseEksNodegroup', () => {
  it('maps a whole describe-nodegroup record', () => {
    const text = readFixture('eks/describe-nodegroup-graviton.json');
    const { format, pools } = parseExport(text, { file: 'eks.json' });

    expect(format).toBe('eks');
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
      autoscaling: { enabled: true, min: 2, max: 2 },
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
      message: 'is required: neither clusterName nor nodegroupArn names the cluster; set `cluster` for this file',
    });
  });

  it('reports every bad field of every item, with positions', () => {
    expect(issuesOf(() => parseExport(readFixture('eks/bad-records.json'), { file: 'bad.json' }))).toEqual([
      { file: 'bad.json', index: 1, field: 'nodegroupName', message: 'is required' },
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

  it('rejects a record that is not an object', () => {
    const error = thrownBy(() => parseEksNodegroup('workers', {}));
    expect(error).toBeInstanceOf(ItemFieldErrors);
    expect((error as ItemFieldErrors).problems.map(p => [p.field, p.message])).toEqual([
      [undefined, 'expected an EKS nodegroup object, got "workers"'],
      ['nodegroupName', 'is required'],
      ['clusterName', expect.stringContaining('is required')],
    ]);
  });
});

describe('EKS identifiers and values, read leniently', () => {
  const ctx = { file: 'ng.json', account: '000000000000', region: 'ctx-region' };
  const parse = (record: Record<string, unknown>) =>
    parseExport(JSON.stringify({ nodegroup: { nodegroupName: 'workers', ...record } }), ctx);

  it.each([
    ['commercial', 'arn:aws:eks:us-east-1:111122223333:nodegroup/prod/workers/0ac1f2', ['111122223333', 'us-east-1', 'prod']],
    ['GovCloud', 'arn:aws-us-gov:eks:us-gov-west-1:123456789012:nodegroup/gov-prod/workers/9f8e', ['123456789012', 'us-gov-west-1', 'gov-prod']],
    ['China', 'arn:aws-cn:eks:cn-northwest-1:210987654321:nodegroup/cn-prod/workers/77aa', ['210987654321', 'cn-northwest-1', 'cn-prod']],
    ['ISO', 'arn:aws-iso-b:eks:us-isob-east-1:123456789012:nodegroup/sec/workers/1', ['123456789012', 'us-isob-east-1', 'sec']],
    ['without the group id', 'arn:aws:eks:eu-west-1:111122223333:nodegroup/shop/workers', ['111122223333', 'eu-west-1', 'shop']],
    ['with an account id that is not 12 digits', 'arn:aws:eks:eu-west-1:acme-test:nodegroup/shop/workers/1', ['acme-test', 'eu-west-1', 'shop']],
  ])('takes account, region and cluster from a %s ARN', (_, arn, [account, region, cluster]) => {
    const { pools, warnings } = parse({ nodegroupArn: arn });
    expect([pools[0].account, pools[0].region, pools[0].cluster]).toEqual([account, region, cluster]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['a cluster ARN', 'arn:aws:eks:us-east-1:111122223333:cluster/prod'],
    ['an ARN of another service', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc'],
    ['no ARN at all', 'prod/workers'],
    ['an ARN with empty account and region', 'arn:aws:eks:::nodegroup//workers/1'],
  ])('imports a group whose nodegroupArn is %s, from clusterName and the config, with a warning', (_, arn) => {
    const { pools, warnings } = parse({ nodegroupArn: arn, clusterName: 'prod' });
    expect([pools[0].account, pools[0].region, pools[0].cluster]).toEqual(['000000000000', 'ctx-region', 'prod']);
    expect(pools[0].raw).toMatchObject({ nodegroupArn: arn });
    expect(warnings).toEqual([
      {
        file: 'ng.json',
        index: 0,
        field: 'nodegroupArn',
        severity: 'warning',
        message:
          "not a node group ARN (arn:PARTITION:eks:REGION:ACCOUNT:nodegroup/CLUSTER/NAME/ID): account, region and cluster come from clusterName and the file's config",
      },
    ]);
  });

  it('still needs a cluster when the ARN does not give one', () => {
    expect(issuesOf(() => parse({ nodegroupArn: 'arn:aws:eks:us-east-1:1:cluster/prod' }))).toEqual([
      {
        file: 'ng.json',
        index: 0,
        field: 'clusterName',
        message: 'is required: neither clusterName nor nodegroupArn names the cluster; set `cluster` for this file',
      },
    ]);
  });

  it('reads timestamps in any form as part of the raw record only', () => {
    const forms = [
      '2024-04-04T14:05:07.940000-04:00',
      '2024-04-04T18:05:07Z',
      '2024-04-04T18:05:07.9Z',
      '2024-04-04T18:05:07+00:00',
      1712253907.94,
    ];
    const pools = forms.map(createdAt => parse({ clusterName: 'prod', createdAt, modifiedAt: createdAt }).pools[0]);
    const withoutRaw = pools.map(({ raw, ...pool }) => pool);
    expect(new Set(withoutRaw.map(p => JSON.stringify(p))).size).toBe(1);
    expect(pools.map(p => (p.raw as { createdAt: unknown }).createdAt)).toEqual(forms);
  });

  it('keeps status values EKS adds, and reads capacity types regardless of case', () => {
    const { pools, warnings } = parseExport(
      JSON.stringify([
        { nodegroupName: 'a', clusterName: 'c', status: 'DEGRADED', capacityType: 'spot' },
        { nodegroupName: 'b', clusterName: 'c', status: 'SOME_NEW_STATE', capacityType: 'Capacity_Block' },
        { nodegroupName: 'c', clusterName: 'c', capacityType: 'FUTURE_CAPACITY' },
      ]),
      ctx,
    );
    expect(pools.map(p => [p.state, p.capacityType])).toEqual([
      ['DEGRADED', 'spot'],
      ['SOME_NEW_STATE', 'capacity-block'],
      [undefined, 'on-demand'],
    ]);
    expect(warnings).toEqual([
      {
        file: 'ng.json',
        index: 2,
        field: 'capacityType',
        severity: 'warning',
        message: 'unknown value "FUTURE_CAPACITY" (known: ON_DEMAND, SPOT, CAPACITY_BLOCK): read as on-demand',
      },
    ]);
  });

  it('reads the OS and architecture from AMI types EKS adds later', () => {
    const { pools } = parseExport(
      JSON.stringify([
        { nodegroupName: 'a', clusterName: 'c', amiType: 'AL2027_ARM_64_STANDARD' },
        { nodegroupName: 'b', clusterName: 'c', amiType: 'WINDOWS_CORE_2028_x86_64' },
      ]),
      ctx,
    );
    expect(pools.map(p => [p.os, p.arch])).toEqual([
      ['linux', 'arm64'],
      ['windows', 'amd64'],
    ]);
  });
});
