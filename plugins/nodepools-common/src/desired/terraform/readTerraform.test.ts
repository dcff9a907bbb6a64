import { readDesired } from '../read';
import { desiredIssuesOf, readFixture, stateOf } from '../__fixtures__';

describe('Terraform state and plan documents', () => {
  it('addresses every instance with its module path and count or for_each key', () => {
    const read = readDesired(readFixture('state-modules-foreach.json'), { source: 'prod.tfstate' });

    expect(read.format).toBe('terraform-state');
    expect(read.pools.map(p => p.address)).toEqual([
      'module.platform["eu"].aws_eks_node_group.pools["general"]',
      'module.platform["eu"].aws_eks_node_group.pools["gpu \\"a100\\""]',
      'aws_eks_node_group.batch[0]',
      'aws_eks_node_group.batch[1]',
    ]);
    expect(read.pools.every(p => p.source === 'prod.tfstate' && p.format === 'terraform-state')).toBe(true);
  });

  it('leaves out data sources and deposed objects', () => {
    const names = readDesired(readFixture('state-modules-foreach.json')).pools.map(p => p.name);

    expect(names).not.toContain('legacy');
    expect(names).not.toContain('old');
  });

  it('keeps nothing of the state but whitelisted pool attributes', () => {
    const text = JSON.stringify(readDesired(readFixture('state-modules-foreach.json')));

    expect(text).not.toMatch(/SECRET/);
    expect(text).not.toMatch(/certificate_authority|launch_template|node_role_arn|kubeconfig/);
  });

  it('walks the child modules of a plan and uses the planned values', () => {
    const read = readDesired(readFixture('plan-child-modules.json'), { source: 'plan.json' });

    expect(read.format).toBe('terraform-plan');
    expect(read.pools.map(p => [p.address, p.name])).toEqual([
      ['azurerm_kubernetes_cluster_node_pool.spot', 'spot'],
      ['module.gke.module.pools["ml"].google_container_node_pool.this', 'gpu-l4'],
    ]);
    expect(JSON.stringify(read)).not.toMatch(/SECRET|startup-script/);
  });

  it('reads `terraform show -json` of a state (values instead of planned_values)', () => {
    const show = JSON.parse(readFixture('plan-child-modules.json'));
    show.values = show.planned_values;
    delete show.planned_values;

    const read = readDesired(JSON.stringify(show));

    expect(read.format).toBe('terraform-state');
    expect(read.pools).toHaveLength(2);
  });

  it.each([
    [3, /unsupported Terraform state format version 3: only format 4/],
    ['4', /unsupported Terraform state format version "4"/],
    [5, /version 5/],
  ])('refuses a state of format version %p with the version found', (version, message) => {
    const issues = desiredIssuesOf(() =>
      readDesired(stateOf([], version), { source: 'old.tfstate' }),
    );

    expect(issues).toEqual([{ source: 'old.tfstate', field: 'version', message: expect.stringMatching(message) }]);
  });

  it('refuses a plan output of an unknown format version', () => {
    const issues = desiredIssuesOf(() =>
      readDesired(JSON.stringify({ format_version: '2.0', planned_values: { root_module: {} } }), { source: 'p.json' }),
    );

    expect(issues[0]).toMatchObject({ source: 'p.json', field: 'format_version', message: expect.stringMatching(/"2.0"/) });
  });

  it('names the file, the resource address and the field of a malformed attribute, every one of them', () => {
    const text = stateOf([
      {
        module: 'module.k8s',
        type: 'aws_eks_node_group',
        name: 'web',
        instances: [
          {
            index_key: 'blue',
            attributes: {
              cluster_name: 'prod',
              node_group_name: 'web-blue',
              scaling_config: [{ min_size: 'two', max_size: 4, desired_size: 3 }],
              labels: { tier: 7 },
              certificate: 'SECRET-PEM',
            },
          },
        ],
      },
      { type: 'google_container_node_pool', name: 'x', instances: [{ attributes: { cluster: 'c', location: 'us-east1', node_config: 'n1' } }] },
    ]);

    const issues = desiredIssuesOf(() => readDesired(text, { source: 'bad.tfstate' }));

    expect(issues).toEqual([
      { source: 'bad.tfstate', address: 'module.k8s.aws_eks_node_group.web["blue"]', field: 'scaling_config[0].min_size', message: 'expected a non-negative integer, got "two"' },
      { source: 'bad.tfstate', address: 'module.k8s.aws_eks_node_group.web["blue"]', field: 'labels.tier', message: 'expected a string, got 7' },
      { source: 'bad.tfstate', address: 'google_container_node_pool.x', field: 'name', message: 'is required' },
      { source: 'bad.tfstate', address: 'google_container_node_pool.x', field: 'node_config', message: 'expected an object, got "n1"' },
    ]);
    expect(JSON.stringify(issues)).not.toMatch(/SECRET/);
  });

  it('names the block of a malformed resource list', () => {
    const text = JSON.stringify({ version: 4, resources: [{ mode: 'managed', type: 'aws_eks_node_group', name: 'a', instances: {} }] });

    expect(desiredIssuesOf(() => readDesired(text, { source: 's' }))).toEqual([
      { source: 's', address: 'aws_eks_node_group.a', field: 'instances', message: 'expected a list, got an object' },
    ]);
  });

  it('says where a legacy flat-attributes instance is', () => {
    const text = JSON.stringify({
      version: 4,
      resources: [{ mode: 'managed', type: 'aws_eks_node_group', name: 'a', instances: [{ attributes_flat: { id: 'x' } }] }],
    });

    expect(desiredIssuesOf(() => readDesired(text))[0]).toMatchObject({
      address: 'aws_eks_node_group.a',
      field: 'attributes',
      message: expect.stringMatching(/attributes_flat/),
    });
  });

  it('does not read attributes Terraform marks sensitive, and says which', () => {
    const text = stateOf([
      {
        type: 'aws_eks_node_group',
        name: 'web',
        instances: [
          {
            attributes: { cluster_name: 'prod', node_group_name: 'web', labels: { secret: 'SECRET-LABEL' }, tags: { owner: 'x' } },
            sensitive_attributes: [[{ type: 'get_attr', value: 'labels' }]],
          },
        ],
      },
    ]);

    const read = readDesired(text, { source: 's' });

    expect(read.pools[0].labels).toBeUndefined();
    expect(read.pools[0].tags).toEqual({ owner: 'x' });
    expect(read.notes).toEqual([{ source: 's', address: 'aws_eks_node_group.web', message: "attribute 'labels' is marked sensitive and was not read" }]);
    expect(JSON.stringify(read)).not.toMatch(/SECRET/);
  });

  it('does not read a nested attribute a plan marks sensitive, and keeps the rest of its block', () => {
    const plan = JSON.parse(readFixture('plan-child-modules.json'));
    const pool = plan.planned_values.root_module.child_modules[0].child_modules[0].resources[0];
    pool.sensitive_values = { node_config: [{ labels: true }] };

    const read = readDesired(JSON.stringify(plan));
    const gke = read.pools.find(p => p.provider === 'gke')!;

    expect(gke.labels).toBeUndefined();
    expect(gke.machineTypes).toEqual(['g2-standard-8']);
    expect(read.notes.map(n => n.message)).toEqual(["attribute 'node_config.labels' is marked sensitive and was not read"]);
  });

  it('reads an empty state as no pools', () => {
    expect(readDesired(stateOf([])).pools).toEqual([]);
  });
});
