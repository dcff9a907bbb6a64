import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DriftReport } from '@nodepools/plugin-nodepools-common';
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

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-drift-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function write(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const ARN = 'arn:aws:eks:eu-west-1:111122223333:nodegroup/prod/web/1a';
const state = (labels: Record<string, string>, name = 'web') => ({
  version: 4,
  resources: [
    { mode: 'managed', type: 'aws_eks_cluster', name: 'c', instances: [{ attributes: { arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod', name: 'prod', version: '1.31' } }] },
    {
      mode: 'managed',
      type: 'aws_eks_node_group',
      name: 'web',
      instances: [{ attributes: { arn: ARN.replace('/web/', `/${name}/`), cluster_name: 'prod', node_group_name: name, scaling_config: [{ desired_size: 3, min_size: 2, max_size: 6 }], labels } }],
    },
  ],
});
const nodegroup = (labels: Record<string, string>, name = 'web') => ({
  nodegroup: { nodegroupName: name, nodegroupArn: ARN.replace('/web/', `/${name}/`), clusterName: 'prod', scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 }, labels, version: '1.31' },
});

describe('nodepools drift', () => {
  it('prints each finding with where the desired value comes from and both ways out', async () => {
    const desired = await write('prod.tfstate', state({ tier: 'web' }));
    const actual = await write('ng.json', [nodegroup({ tier: 'web', hotfix: 'true' }), nodegroup({}, 'hand-made')]);
    const io = memoryIo();

    const code = await main(['drift', '--desired', desired, '--actual', actual], io);

    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toMatch(/^2 findings \(0 high, 2 medium, 0 low\); 1 of 1 declared pool matched a cloud pool\n/);
    expect(io.out).toContain('MEDIUM changed            eks/111122223333/eu-west-1/prod/web  labels');
    expect(io.out).toContain('  actual   tier=web, hotfix=true');
    expect(io.out).toContain(`  source   ${desired}: aws_eks_node_group.web`);
    expect(io.out).toContain(`  revert   aws eks update-nodegroup-config --cluster-name prod --nodegroup-name web --region eu-west-1 --labels '{"removeLabels":["hotfix"]}'`);
    expect(io.out).toContain('  adopt    # in "aws_eks_node_group.web"');
    expect(io.out).toContain('MEDIUM not-in-iac         eks/111122223333/eu-west-1/prod/hand-made  pool');
  });

  it('prints the report as JSON, and exits 3 on findings when asked', async () => {
    const desired = await write('p2.tfstate', state({ tier: 'web' }));
    const actual = await write('ng2.json', nodegroup({ tier: 'api' }));
    const io = memoryIo();

    const code = await main(['drift', '--desired', desired, '--actual', actual, '--json', '--exit-code'], io);

    expect(code).toBe(3);
    const report: DriftReport = JSON.parse(io.out);
    expect(report.matched).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ cause: 'changed', field: 'labels', desired: { tier: 'web' }, actual: { tier: 'api' }, origin: expect.objectContaining({ address: 'aws_eks_node_group.web' }) }),
    ]);
    const clean = memoryIo();
    expect(await main(['drift', '--desired', desired, '--actual', await write('ng3.json', nodegroup({ tier: 'web' })), '--exit-code'], clean)).toBe(0);
    expect(clean.out).toMatch(/^No drift; 1 of 1 declared pool matched/);
  });

  it('checks the nodes of normalized pools against the declared control plane, or the one given', async () => {
    const desired = await write('p4.tfstate', state({ tier: 'web' }));
    const normalizeIo = memoryIo();
    await main(['normalize', await write('ng4.json', nodegroup({ tier: 'web' }))], normalizeIo);
    const page = JSON.parse(normalizeIo.out);
    page.items[0].observed = { nodeCount: 9, readyCount: 9, kubeletVersions: ['v1.27.3'], osImages: ['Amazon Linux 2'], zones: ['eu-west-1a'], allocatable: {}, requested: {}, observedAt: '2025-01-01T00:00:00Z' };
    const actual = await write('pools.json', page);

    const io = memoryIo();
    expect(await main(['drift', '--desired', desired, '--actual', actual, '--json'], io)).toBe(0);
    expect((JSON.parse(io.out) as DriftReport).findings.map(f => [f.cause, f.field])).toEqual([
      ['version-skew', 'nodes.kubeletVersion'],
      ['node-count', 'nodes.count'],
      ['node-image', 'nodes.kubeletVersion'],
    ]);

    const given = memoryIo();
    await main(['drift', '--desired', desired, '--actual', actual, '--json', '--control-plane', 'prod=1.29'], given);
    expect((JSON.parse(given.out) as DriftReport).findings.map(f => f.cause)).not.toContain('version-skew');
  });

  it('takes several files after each option', async () => {
    const a = await write('a.tfstate', state({ tier: 'web' }));
    const b = await write('b.tfstate', state({ tier: 'web' }, 'api'));
    const actual = await write('both.json', [nodegroup({ tier: 'web' }), nodegroup({ tier: 'web' }, 'api')]);
    const io = memoryIo();

    expect(await main(['drift', '--desired', a, b, '--actual', actual, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ matched: 2, findings: [] });
  });

  it('exits 1 naming every unusable file on either side, comparing nothing', async () => {
    const bad = await write('bad.tfstate', { version: 4, resources: [{ mode: 'managed', type: 'aws_eks_node_group', name: 'x', instances: [{ attributes: { labels: 'oops' } }] }] });
    const badExport = await write('bad-export.json', { nodegroup: { nodegroupName: 'a', clusterName: 'c', scalingConfig: { minSize: 'one' } } });
    const io = memoryIo();

    expect(await main(['drift', '--desired', bad, '--actual', badExport], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toContain(`error: ${bad}: aws_eks_node_group.x: field 'node_group_name': is required`);
    expect(io.err).toContain(`error: ${bad}: aws_eks_node_group.x: field 'labels': expected a map of strings, got "oops"`);
    expect(io.err).toContain(`error: ${badExport}: item 0: field 'scalingConfig.minSize'`);
  });

  it('shows control characters read from files as escapes', async () => {
    const desired = await write('esc.tfstate', state({ tier: 'web' }));
    const actual = await write('esc.json', nodegroup({ tier: 'web\u001b[2J' }));
    const io = memoryIo();

    await main(['drift', '--desired', desired, '--actual', actual], io);
    expect(io.out).not.toContain('\u001b');
    expect(io.out).toContain('web\\u001b[2J');
  });

  it.each([
    [['drift', '--actual', 'a.json'], /--desired is required/],
    [['drift', '--desired', 'a.tfstate'], /--actual is required/],
    [['drift', 'stray', '--desired', 'a'], /Unexpected argument stray/],
    [['drift', '--desired', 'a', '--actual', 'b', '--control-plane', 'prod'], /CLUSTER=VERSION/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const io = memoryIo();
    expect(await main(args, io)).toBe(2);
    expect(io.err).toMatch(message);
  });
});

(sharedFixturesAvailable() ? describe : describe.skip)(`nodepools drift on the public samples${SHARED_FIXTURES_NOTE}`, () => {
  it('compares the DOKS state sample with the DOKS API sample of the same cluster', async () => {
    const io = memoryIo();
    const code = await main(
      [
        'drift',
        '--desired', path.join(SHARED_FIXTURES_DIR, 'drift', 'tfstate-doks-cluster-nodepool.json'),
        '--actual', path.join(SHARED_FIXTURES_DIR, 'doks-node-pools-list.json'),
        '--cluster', 'k8s-iniciativa', '--region', 'nyc1', '--json',
      ],
      io,
    );
    expect(code).toBe(0);
    const report: DriftReport = JSON.parse(io.out);
    expect(report.findings.map(f => `${f.cause} ${f.pool}`)).toEqual([
      'declared-not-found critical-pool',
      'declared-not-found default',
      'not-in-iac backend-pool',
      'not-in-iac frontend-pool',
    ]);
    expect(report.findings[0].revert?.commands).toEqual([['terraform', 'apply', '-target=digitalocean_kubernetes_node_pool.node_critical']]);
  });
});
