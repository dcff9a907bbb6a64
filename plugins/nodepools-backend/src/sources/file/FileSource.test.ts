import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { FileSource, readPoolFiles } from './FileSource';

const GOV_ARN = 'arn:aws-us-gov:eks:us-gov-west-1:123456789012:nodegroup/gov-prod/workers/9f8e';

describe('FileSource', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'file-source-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, value: unknown): Promise<void> {
    await fs.writeFile(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  }

  it('reads each file as one scope, with warnings on a complete read and errors on a failed one', async () => {
    await write('gov.json', {
      nodegroup: { nodegroupName: 'workers', nodegroupArn: GOV_ARN, capacityType: 'NEW_KIND' },
    });
    await write('bad.json', { nodegroup: { clusterName: 'c' } });
    const source = new FileSource([{ path: 'gov.json' }, { path: 'bad.json' }, { path: 'gone.json' }], dir);

    const [gov, bad, gone] = await source.list();

    expect(gov).toMatchObject({ scope: 'file:gov.json', complete: true });
    expect(gov.pools.map(p => [p.account, p.region, p.cluster, p.name, p.capacityType])).toEqual([
      ['123456789012', 'us-gov-west-1', 'gov-prod', 'workers', 'on-demand'],
    ]);
    expect(gov.error).toBeUndefined();
    expect(gov.issues).toEqual([
      {
        file: 'gov.json',
        index: 0,
        field: 'capacityType',
        severity: 'warning',
        message: 'unknown value "NEW_KIND" (known: ON_DEMAND, SPOT, CAPACITY_BLOCK): read as on-demand',
      },
    ]);
    expect(bad).toMatchObject({
      complete: false,
      pools: [],
      issues: [{ file: 'bad.json', index: 0, field: 'nodegroupName', message: 'is required' }],
    });
    expect(gone).toMatchObject({ complete: false, error: 'gone.json: file not found' });
  });

  it('reads a file with its configured format', async () => {
    await write('query.json', [{ name: 'web', count: 2 }]);
    const source = new FileSource([{ path: 'query.json', format: 'doks', cluster: 'web-prod', region: 'nyc1' }], dir);
    const unformatted = new FileSource([{ path: 'query.json', cluster: 'web-prod' }], dir);

    const [listing] = await source.list();
    const [refused] = await unformatted.list();

    expect(listing.complete).toBe(true);
    expect(listing.pools.map(p => [p.provider, p.cluster, p.region, p.name, p.nodeCount])).toEqual([
      ['doks', 'web-prod', 'nyc1', 'web', 2],
    ]);
    expect(refused).toMatchObject({ complete: false, pools: [] });
    expect(refused.error).toMatch(/^query\.json: unrecognized export/);
  });
});

describe('readPoolFiles', () => {
  it('reads path, cluster, region and account of each file', () => {
    const config = new ConfigReader({
      nodepools: { sources: { files: [{ path: 'a.json' }, { path: 'b.yaml', cluster: 'c', region: 'r', account: 'x' }] } },
    });
    expect(readPoolFiles(config)).toEqual([
      { path: 'a.json' },
      { path: 'b.yaml', cluster: 'c', region: 'r', account: 'x' },
    ]);
  });

  it('reads each file\'s format, and refuses an unknown one naming the key and the valid formats', () => {
    const files = (format: string) =>
      new ConfigReader({ nodepools: { sources: { files: [{ path: 'a.json' }, { path: 'q.json', format }] } } });
    expect(readPoolFiles(files('aks-cli'))[1]).toEqual({ path: 'q.json', format: 'aks-cli' });
    expect(() => readPoolFiles(files('azure'))).toThrow(
      "Invalid config at nodepools.sources.files[1].format: unknown format 'azure'; valid formats are eks, karpenter, gke, aks-arm, aks-cli, doks",
    );
  });
});
