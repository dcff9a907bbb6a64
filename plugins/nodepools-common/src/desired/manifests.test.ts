import { readDesired } from './read';
import { desiredIssuesOf, readFixture } from './__fixtures__';

describe('Karpenter NodePool manifests', () => {
  it('reads the NodePools of kustomize build output, lists included, and skips other kinds', () => {
    const read = readDesired(readFixture('kustomize-build.yaml'), { source: 'git:platform/karpenter', cluster: 'ml-prod', region: 'us-east-1' });

    expect(read.format).toBe('manifests');
    expect(read.pools.map(p => [p.name, p.address, p.ref])).toEqual([
      ['gpu', 'documents[2]', 'karpenter/-/us-east-1/ml-prod/gpu'],
      ['general', 'documents[3].items[0]', 'karpenter/-/us-east-1/ml-prod/general'],
    ]);
  });

  it('declares what the manifest writes, and what Karpenter derives from its requirements', () => {
    const [gpu, general] = readDesired(readFixture('kustomize-build.yaml'), { cluster: 'ml-prod' }).pools;

    expect(gpu).toMatchObject({
      capacityType: 'mixed',
      machineTypes: ['g5.2xlarge', 'g5.4xlarge'],
      zones: ['us-east-1a'],
      labels: { workload: 'training' },
      taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
      limits: { cpu: '512', 'nvidia.com/gpu': '16' },
      tags: { owner: 'team-ml' },
    });
    expect(general).toMatchObject({ arch: 'arm64', requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] });
    // Without a capacity-type requirement Karpenter's default applies: not declared.
    for (const field of ['capacityType', 'labels', 'taints', 'limits', 'tags', 'os'] as const) {
      expect(general).not.toHaveProperty(field);
    }
  });

  it('needs the cluster from the context', () => {
    expect(desiredIssuesOf(() => readDesired(readFixture('kustomize-build.yaml'), { source: 'np.yaml' }))).toEqual([
      { source: 'np.yaml', field: 'cluster', message: expect.stringMatching(/a NodePool does not name its cluster/) },
    ]);
  });

  it('says what it found when there is no NodePool', () => {
    expect(desiredIssuesOf(() => readDesired('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', { cluster: 'c' }))[0].message).toBe(
      'no Karpenter NodePool (karpenter.sh) in the file: found only ConfigMap',
    );
  });

  it('names the document and field of a bad NodePool', () => {
    const text = `${readFixture('kustomize-build.yaml')}\n---\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: bad\nspec:\n  template:\n    spec:\n      taints:\n      - key: dedicated\n        effect: Sometimes\n`;
    expect(desiredIssuesOf(() => readDesired(text, { source: 'np.yaml', cluster: 'c' }))).toEqual([
      { source: 'np.yaml', address: 'documents[4]', field: 'spec.template.spec.taints[0].effect', message: expect.stringMatching(/NoSchedule/) },
    ]);
  });
});

describe('readDesired', () => {
  it('refuses a file it cannot place, saying what it reads', () => {
    const issues = desiredIssuesOf(() => readDesired('{"nodegroup": {"nodegroupName": "a"}}', { source: 'x.json' }));
    expect(issues).toEqual([{ source: 'x.json', message: expect.stringMatching(/^unrecognized desired-state file \(an object with keys nodegroup\); supported: Terraform state/) }]);
  });

  it('reports invalid JSON with its position', () => {
    expect(desiredIssuesOf(() => readDesired('{"version": 4,', { source: 's.tfstate' }))[0]).toMatchObject({
      source: 's.tfstate',
      message: expect.stringMatching(/^invalid JSON at line 1/),
    });
  });

  it('refuses an eksctl config mixed with other documents', () => {
    const text = 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\n';
    expect(desiredIssuesOf(() => readDesired(text))[0].message).toMatch(/only ClusterConfig documents/);
  });
});
