import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from './index';
import type { CommandIo } from './io';
import { SHARED_FIXTURES_DIR, SHARED_FIXTURES_NOTE, sharedFixturesAvailable } from '../sources/testing/sharedFixtures';

function memoryIo(): CommandIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    readFile: (file: string) => fs.readFile(file, 'utf8'),
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-desired-'));
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
}

const STATE = JSON.stringify({
  version: 4,
  resources: [
    {
      mode: 'managed',
      type: 'aws_eks_node_group',
      name: 'web',
      instances: [
        {
          index_key: 'blue',
          attributes: {
            arn: 'arn:aws:eks:eu-west-1:111122223333:nodegroup/prod/web-blue/1a',
            cluster_name: 'prod',
            node_group_name: 'web-blue',
            scaling_config: [{ desired_size: 2, min_size: 1, max_size: 4 }],
            instance_types: ['m6i.large'],
            labels: { tier: 'web' },
          },
          sensitive_attributes: [],
        },
      ],
    },
    { mode: 'managed', type: 'aws_iam_access_key', name: 'k', instances: [{ attributes: { secret: 'SECRET-ACCESS-KEY' } }] },
  ],
});

describe('nodepools desired', () => {
  it('prints the declared pools with their addresses, and nothing else of the state', async () => {
    const file = await tempFile('prod.tfstate', STATE);
    const io = memoryIo();

    const code = await main(['desired', file], io);

    expect(io.err).toBe('');
    expect(code).toBe(0);
    const printed = JSON.parse(io.out);
    expect(printed).toMatchObject({
      totalCount: 1,
      items: [
        {
          provider: 'eks',
          account: '111122223333',
          region: 'eu-west-1',
          cluster: 'prod',
          name: 'web-blue',
          ref: 'eks/111122223333/eu-west-1/prod/web-blue',
          source: file,
          address: 'aws_eks_node_group.web["blue"]',
          autoscaling: { enabled: true, min: 1, max: 4 },
          labels: { tier: 'web' },
        },
      ],
    });
    expect(io.out).not.toMatch(/SECRET/);
  });

  it('fills in what a manifest does not say from the flags', async () => {
    const file = await tempFile('np.yaml', 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: gpu\nspec:\n  template:\n    spec:\n      requirements: []\n');
    const io = memoryIo();

    expect(await main(['desired', file, '--cluster', 'ml', '--region', 'us-east-1'], io)).toBe(0);
    expect(JSON.parse(io.out).items[0]).toMatchObject({ provider: 'karpenter', cluster: 'ml', region: 'us-east-1', address: 'documents[0]' });
  });

  it('exits 1 with file: address: field for every problem of every file, printing no partial result', async () => {
    const bad = await tempFile(
      'bad.tfstate',
      JSON.stringify({ version: 4, resources: [{ mode: 'managed', type: 'aws_eks_node_group', name: 'x', instances: [{ index_key: 0, attributes: { cluster_name: 'c', node_group_name: 'n', scaling_config: [{ min_size: -1 }] } }] }] }),
    );
    const old = await tempFile('old.tfstate', JSON.stringify({ version: 3, modules: [] }));
    const good = await tempFile('good.tfstate', STATE);
    const io = memoryIo();

    const code = await main(['desired', good, bad, old, path.join(path.dirname(bad), 'missing.json')], io);

    expect(code).toBe(1);
    expect(io.out).toBe('');
    expect(io.err.split('\n').filter(Boolean)).toEqual([
      `error: ${bad}: aws_eks_node_group.x[0]: field 'scaling_config[0].min_size': expected a non-negative integer, got -1`,
      expect.stringMatching(new RegExp(`^error: ${old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: field 'version': unsupported Terraform state format version 3`)),
      expect.stringMatching(/missing\.json: cannot read file \(ENOENT\)$/),
    ]);
  });

  it('prints notes on stderr and in the output', async () => {
    const file = await tempFile(
      'doks.tfstate',
      JSON.stringify({ version: 4, resources: [{ mode: 'managed', type: 'digitalocean_kubernetes_node_pool', name: 'p', instances: [{ attributes: { cluster_id: 'c-1', name: 'jobs' } }] }] }),
    );
    const io = memoryIo();

    expect(await main(['desired', file], io)).toBe(0);
    expect(io.err).toMatch(/^note: .*doks\.tfstate: digitalocean_kubernetes_node_pool\.p: its cluster is not in this state/);
    expect(JSON.parse(io.out).notes).toHaveLength(1);
  });

  it('refuses wrong arguments with exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['desired'], io)).toBe(2);
    expect(io.err).toMatch(/^No file given/);
    expect(await main(['desired', 'x', '--region'], memoryIo())).toBe(2);
    expect(await main(['desired', '--bogus', 'x'], memoryIo())).toBe(2);
  });
});

(sharedFixturesAvailable() ? describe : describe.skip)(`nodepools desired on the public samples${SHARED_FIXTURES_NOTE}`, () => {
  it('reads every desired-state sample', async () => {
    const dir = path.join(SHARED_FIXTURES_DIR, 'drift');
    const files = (await fs.readdir(dir)).filter(f => !f.endsWith('.src.txt') && !f.endsWith('.md')).map(f => path.join(dir, f));
    const io = memoryIo();

    expect(await main(['desired', ...files], io)).toBe(0);
    expect(JSON.parse(io.out).totalCount).toBe(19);
    expect(io.out).not.toMatch(/REDACTED/);
  });
});
