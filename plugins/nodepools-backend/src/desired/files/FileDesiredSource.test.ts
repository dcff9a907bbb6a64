import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileDesiredSource } from './FileDesiredSource';
import { eksState, STATE_SECRET } from '../__testUtils__/states';

describe('FileDesiredSource', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-desired-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads each file as a scope with its pools, and only whitelisted attributes', async () => {
    await fs.writeFile(path.join(dir, 'prod.tfstate'), eksState({ groups: ['general', 'batch'] }));
    const source = new FileDesiredSource([{ path: 'prod.tfstate' }], dir);
    const [listing] = await source.list({ versions: new Map() });
    expect(listing).toMatchObject({ scope: 'file:prod.tfstate', location: 'prod.tfstate', complete: true });
    expect(listing.pools.map(p => [p.ref, p.address])).toEqual([
      ['eks/111122223333/eu-west-1/payments-prod/general', 'aws_eks_node_group.pools["general"]'],
      ['eks/111122223333/eu-west-1/payments-prod/batch', 'aws_eks_node_group.pools["batch"]'],
    ]);
    expect(listing.clusters).toEqual([expect.objectContaining({ name: 'payments-prod', kubernetesVersion: '1.33' })]);
    expect(JSON.stringify(listing)).not.toContain(STATE_SECRET.slice(0, 8));
  });

  it('does not parse a file whose content is that of its last complete read', async () => {
    await fs.writeFile(path.join(dir, 'prod.tfstate'), eksState());
    const source = new FileDesiredSource([{ path: 'prod.tfstate' }], dir);
    const [first] = await source.list({ versions: new Map() });
    const [again] = await source.list({ versions: new Map([[first.scope, first.version!]]) });
    expect(again).toEqual({ scope: first.scope, location: first.location, complete: true, unchanged: true, version: first.version, pools: [] });
    await fs.writeFile(path.join(dir, 'prod.tfstate'), eksState({ maxSize: 9 }));
    const [changed] = await source.list({ versions: new Map([[first.scope, first.version!]]) });
    expect(changed.unchanged).toBeUndefined();
    expect(changed.pools[0].autoscaling).toEqual({ enabled: true, min: 2, max: 9 });
  });

  it('names the file, the resource address and the field of a bad resource, never the values read', async () => {
    const state = JSON.parse(eksState());
    state.resources[1].instances[0].attributes.scaling_config = [{ min_size: 8, max_size: 2 }];
    await fs.writeFile(path.join(dir, 'bad.tfstate'), JSON.stringify(state));
    const [listing] = await new FileDesiredSource([{ path: 'bad.tfstate' }], dir).list({ versions: new Map() });
    expect(listing.complete).toBe(false);
    expect(listing.pools).toEqual([]);
    expect(listing.error).toBe(
      `bad.tfstate: aws_eks_node_group.pools["general"]: field 'scaling_config[0].min_size': is greater than max_size (8 > 2)`,
    );
    expect(JSON.stringify(listing)).not.toContain(STATE_SECRET);
  });

  it('says which state format it found when it is not format 4', async () => {
    await fs.writeFile(path.join(dir, 'old.tfstate'), eksState({ version: 3 }));
    const [listing] = await new FileDesiredSource([{ path: 'old.tfstate' }], dir).list({ versions: new Map() });
    expect(listing.error).toMatch(/^old\.tfstate: field 'version': unsupported Terraform state format version 3/);
  });

  it('reports a missing file as a failed scope beside a good one', async () => {
    await fs.writeFile(path.join(dir, 'prod.tfstate'), eksState());
    const listings = await new FileDesiredSource([{ path: 'gone.tfstate' }, { path: 'prod.tfstate' }], dir).list({ versions: new Map() });
    expect(listings.map(l => [l.scope, l.complete, l.error])).toEqual([
      ['file:gone.tfstate', false, 'gone.tfstate: cannot be read (ENOENT)'],
      ['file:prod.tfstate', true, undefined],
    ]);
  });

  it('names the document of a bad NodePool in a manifest file; the configured cluster places the good ones', async () => {
    const manifest = [
      'apiVersion: karpenter.sh/v1',
      'kind: NodePool',
      'metadata: { name: batch }',
      'spec:',
      '  template:',
      '    spec:',
      '      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }',
      '      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [spot] }]',
      '---',
      'apiVersion: karpenter.sh/v1',
      'kind: NodePool',
      'metadata: { name: broken }',
      'spec: { template: { spec: { taints: [{ key: a, effect: Sometimes }] } } }',
    ].join('\n');
    await fs.writeFile(path.join(dir, 'pools.yaml'), manifest);
    const source = new FileDesiredSource([{ path: 'pools.yaml', cluster: 'ml-prod', region: 'us-east-1' }], dir);
    const [listing] = await source.list({ versions: new Map() });
    expect(listing.error).toMatch(/^pools\.yaml: documents\[1\]: field 'spec\.template\.spec\.taints\[0\]\.effect'/);
    await fs.writeFile(path.join(dir, 'pools.yaml'), manifest.split('---')[0]);
    const [good] = await source.list({ versions: new Map() });
    expect(good.pools.map(p => p.ref)).toEqual(['karpenter/-/us-east-1/ml-prod/batch']);
  });
});
