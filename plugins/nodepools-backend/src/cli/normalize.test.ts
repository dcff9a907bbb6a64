import { promises as fs } from 'node:fs';
import path from 'node:path';
import { main } from './index';
import type { CommandIo } from './io';

const SAMPLES = path.resolve(__dirname, '../../../../sample-inventory');

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

describe('nodepools normalize', () => {
  it('prints pools in the shape GET /pools returns', async () => {
    const io = memoryIo();
    const code = await main(
      ['normalize', path.join(SAMPLES, 'doks-tools.json'), '--cluster', 'tools', '--region', 'ams3'],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const page = JSON.parse(io.out);
    expect(page.totalCount).toBe(page.items.length);
    expect(page.items.length).toBeGreaterThan(0);
    for (const pool of page.items) {
      expect(pool).toMatchObject({
        provider: 'doks',
        cluster: 'tools',
        region: 'ams3',
        stale: false,
        ref: `doks/-/ams3/tools/${pool.name}`,
      });
      expect(pool).not.toHaveProperty('raw');
    }
  });

  it('names the file, item and field of a bad record and prints no partial result', async () => {
    const dir = await fs.mkdtemp(path.join(require('node:os').tmpdir(), 'normalize-'));
    const bad = path.join(dir, 'bad.json');
    await fs.writeFile(
      bad,
      JSON.stringify([
        { nodegroup: { nodegroupName: 'ok', clusterName: 'c', nodegroupArn: 'arn:aws:eks:us-east-1:111122223333:nodegroup/c/ok/1' } },
        { nodegroup: { nodegroupName: 'bad', clusterName: 'c', scalingConfig: { maxSize: 'ten' } } },
      ]),
    );
    const io = memoryIo();
    const code = await main(
      ['normalize', path.join(SAMPLES, 'gke-ml-dev.json'), bad, path.join(dir, 'missing.json')],
      io,
    );
    expect(code).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toContain(`${bad}: item 1: field 'scalingConfig.maxSize'`);
    expect(io.err).toContain('missing.json: cannot read file (ENOENT)');
  });

  it('prints what it read leniently as warnings on stderr, and the pools', async () => {
    const dir = await fs.mkdtemp(path.join(require('node:os').tmpdir(), 'normalize-'));
    const file = path.join(dir, 'cn.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        nodegroup: {
          nodegroupName: 'workers',
          nodegroupArn: 'arn:aws-cn:eks:cn-north-1:210987654321:nodegroup/cn-prod/workers/1',
          capacityType: 'NEW_KIND',
        },
      }),
    );
    const io = memoryIo();
    expect(await main(['normalize', file], io)).toBe(0);
    expect(io.err).toBe(
      `warning: ${file}: item 0: field 'capacityType': unknown value "NEW_KIND" (known: ON_DEMAND, SPOT, CAPACITY_BLOCK): read as on-demand\n`,
    );
    expect(JSON.parse(io.out).items.map((p: { ref: string }) => p.ref)).toEqual([
      'eks/210987654321/cn-north-1/cn-prod/workers',
    ]);
  });

  it('reads a projection with --format, and refuses an unknown format with the valid ones', async () => {
    const dir = await fs.mkdtemp(path.join(require('node:os').tmpdir(), 'normalize-'));
    const file = path.join(dir, 'query.json');
    // az aks nodepool list --query "[].{name:name, count:count, nodeLabels:nodeLabels}"
    await fs.writeFile(file, JSON.stringify([{ name: 'nodepool1', count: 3, nodeLabels: { team: 'web' } }]));

    const refused = memoryIo();
    expect(await main(['normalize', file, '--cluster', 'web'], refused)).toBe(1);
    expect(refused.err).toContain(`error: ${file}: unrecognized export`);

    const io = memoryIo();
    expect(
      await main(['normalize', '--format', 'aks-cli', file, '--cluster', 'web', '--region', 'eastus', '--owner-label', 'team'], io),
    ).toBe(0);
    expect(io.err).toBe('');
    expect(JSON.parse(io.out).items).toEqual([
      expect.objectContaining({
        ref: 'aks/-/eastus/web/nodepool1',
        nodeCount: 3,
        labels: { team: 'web' },
        owner: 'group:default/web',
        machineTypes: [],
        // The only pool of a complete listing is the cluster's system pool.
        mode: 'system',
      }),
    ]);

    const unknown = memoryIo();
    expect(await main(['normalize', '--format', 'azure', file], unknown)).toBe(2);
    expect(unknown.err).toContain(
      "Unknown format 'azure' for --format: valid formats are eks, karpenter, gke, aks-arm, aks-cli, doks",
    );
  });

  it('rejects unknown commands and options with usage', async () => {
    const io = memoryIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err).toContain("Unknown command 'frobnicate'");
    const io2 = memoryIo();
    expect(await main(['normalize', '--colour', 'x.json'], io2)).toBe(2);
    expect(io2.err).toContain('Unknown option --colour');
  });
});
