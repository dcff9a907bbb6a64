import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { runTriageCommand } from './triage';

const FIXTURES = path.join(__dirname, '__fixtures__', 'triage');

/** Runs the command against in-memory files: the fixtures plus any given. */
async function run(args: string[], extra: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTriageCommand(args, {
    readFile: async file => {
      if (file in extra) return extra[file];
      return fs.promises.readFile(path.join(FIXTURES, file), 'utf8');
    },
    stdout: text => out.push(text),
    stderr: text => err.push(text),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const BASE = ['--pods', 'pods.json', '--nodes', 'nodes.json', '--events', 'events.json', '--pools', 'gke-node-pools.json'];

describe('nodepools triage', () => {
  it('prints the documented JSON shape with --json', async () => {
    const { code, stdout, stderr } = await run([...BASE, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.cluster).toBe('shop-prod');
    const checkout = report.pods.find((p: { name: string }) => p.name === 'checkout-5b8c9d7f6-h7k2m');
    expect(checkout).toMatchObject({
      namespace: 'shop',
      schedulableNow: false,
      fix: { kind: 'wait-for-scale-up', pool: 'default-pool' },
      schedulerMessage: expect.stringMatching(/^0\/4 nodes are available/),
    });
    expect(checkout.pools).toEqual([
      {
        cluster: 'shop-prod',
        pool: 'default-pool',
        provider: 'gke',
        ref: 'gke/acme-shop/europe-west1/shop-prod/default-pool',
        fitsNow: false,
        fitsAfterScaleUp: true,
        reasons: [
          {
            code: 'insufficient:cpu',
            message: 'Insufficient cpu: requests 2.5, free at most 1.72 of 3.92 allocatable',
            scope: 'nodes',
            nodes: 3,
          },
        ],
        newNode: { machineType: 'e2-standard-4', source: 'node', estimated: false },
      },
      expect.objectContaining({ pool: 'highmem', fitsNow: false, fitsAfterScaleUp: false }),
      expect.objectContaining({ pool: 'l4', fitsNow: false, fitsAfterScaleUp: false }),
    ]);
  });

  it('answers the GPU pod from the catalog for a GKE pool scaled to zero', async () => {
    const report = JSON.parse((await run([...BASE, '--json'])).stdout);
    const embedder = report.pods.find((p: { name: string }) => p.name.startsWith('embedder-'));
    expect(embedder.fix.kind).toBe('wait-for-scale-up');
    expect(embedder.pools.find((v: { pool: string }) => v.pool === 'l4')).toMatchObject({
      fitsNow: false,
      fitsAfterScaleUp: true,
      newNode: { machineType: 'g2-standard-8', source: 'catalog', estimated: true },
    });
  });

  it('tells the analytics job that its dedicated pool is at max and by how much to raise it', async () => {
    const report = JSON.parse((await run([...BASE, '--json'])).stdout);
    const job = report.pods.find((p: { name: string }) => p.name.startsWith('nightly-report-'));
    expect(job.schedulerMessage).toMatch(/^0\/4 nodes are available: 1 Insufficient cpu/);
    expect(job.fix).toMatchObject({ kind: 'raise-max', pool: 'highmem', max: { from: 1, to: 2, field: 'max' } });
    expect(job.pools.find((v: { pool: string }) => v.pool === 'highmem').reasons).toEqual([
      { code: 'insufficient:cpu', message: 'Insufficient cpu: requests 4, free 1.71 of 7.91 allocatable', scope: 'nodes', nodes: 1 },
      { code: 'insufficient:memory', message: 'Insufficient memory: requests 24Gi, free 8.4Gi of 56.59Gi allocatable', scope: 'nodes', nodes: 1 },
      { code: 'max-size', message: 'the pool is at its max size (1 of max 1 nodes)', scope: 'pool' },
    ]);
  });

  it('lists the malformed pod as skipped and still answers for the others', async () => {
    const report = JSON.parse((await run([...BASE, '--json'])).stdout);
    expect(report.skipped).toEqual([
      expect.objectContaining({
        object: 'Pod shop/legacy-cron-x9z8',
        field: 'spec.containers[0].resources.requests.cpu',
        message: "invalid quantity '1 core': unknown suffix ' core'",
      }),
    ]);
    expect(report.pods.map((p: { name: string }) => p.name)).toHaveLength(4);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run(BASE);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Cluster shop-prod: 4 pending pods in 3 signatures, 3 pools');
    expect(stdout).toContain('s1: 2 pods: shop/checkout-5b8c9d7f6-h7k2m, shop/checkout-5b8c9d7f6-p3q9r');
    expect(lines).toContain('  POOL          NOW  SCALE-UP  REASONS');
    expect(lines).toContain(
      '  default-pool  no   yes       insufficient:cpu (3 nodes): Insufficient cpu: requests 2.5, free at most 1.72 of 3.92 allocatable',
    );
    expect(stdout).toContain('  fix (wait-for-scale-up): pool default-pool can add a node (e2-standard-4) that takes it');
    expect(stdout).toContain("Left out of the analysis:\n  Pod shop/legacy-cron-x9z8: field 'spec.containers[0].resources.requests.cpu'");
  });

  it('reads kubectl YAML as well as JSON', async () => {
    const yaml = YAML.stringify(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'nodes.json'), 'utf8')));
    const fromYaml = await run([...BASE.map(a => (a === 'nodes.json' ? 'nodes.yaml' : a)), '--json'], { 'nodes.yaml': yaml });
    const fromJson = await run([...BASE, '--json']);
    expect(fromYaml.code).toBe(0);
    expect(fromYaml.stdout).toBe(fromJson.stdout);
  });

  it('accepts normalized pools JSON as GET /pools returns it', async () => {
    const pools = {
      items: [
        {
          provider: 'gke',
          cluster: 'shop-prod',
          name: 'default-pool',
          machineTypes: ['e2-standard-4'],
          autoscaling: { enabled: false },
          nodeCount: 3,
        },
      ],
      totalCount: 1,
    };
    const { code, stdout } = await run(
      ['--pods', 'pods.json', '--nodes', 'nodes.json', '--pools', 'pools.json', '--json'],
      { 'pools.json': JSON.stringify(pools) },
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const checkout = report.pods.find((p: { name: string }) => p.name.startsWith('checkout-'));
    expect(checkout.fix.kind).toBe('raise-max');
    expect(checkout.fix.text).toMatch(/^turn on autoscaling for pool default-pool and raise its max from 3 to 5/);
    expect(report.pools.map((p: { pool: string; provider: string }) => `${p.provider}/${p.pool}`)).toEqual([
      'gke/default-pool',
      'gke/highmem',
    ]);
  });

  it.each([
    ['a missing --nodes', ['--pods', 'pods.json'], 2, '--nodes is required'],
    ['an unknown option', [...BASE, '--fast'], 2, 'Unknown option --fast'],
    ['an option without its value', ['--pods'], 2, 'Option --pods needs a value'],
    ['a file that is not JSON or YAML', ['--pods', 'broken.json', '--nodes', 'nodes.json'], 1, 'broken.json: neither JSON nor YAML'],
    ['a pods file that is not a list', ['--pods', 'object.json', '--nodes', 'nodes.json'], 1, "object.json: pods: field 'items': expected the output of 'kubectl get pods -o json'"],
    ['a file that cannot be read', ['--pods', 'missing.json', '--nodes', 'nodes.json'], 1, 'missing.json: cannot be read'],
    ['a pools file in no known format', [...BASE.slice(0, 4), '--pools', 'odd.json'], 1, 'odd.json'],
    ['a bad machine type row', [...BASE, '--machine-types', 'types.json'], 1, "types.json: machine type 0: field 'vcpu'"],
  ])('fails clearly on %s', async (_name, args, code, message) => {
    const result = await run(args, {
      'broken.json': '{"items": [',
      'object.json': '"just text"',
      'odd.json': '{"something": "else"}',
      'types.json': '[{"cloud": "gcp", "name": "custom-9", "memoryMiB": 1024}]',
    });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('adds machine types from a file to the catalog', async () => {
    const pools = JSON.stringify({
      items: [{ provider: 'gke', cluster: 'shop-prod', name: 'custom', machineTypes: ['custom-96-393216'], autoscaling: { enabled: true, min: 0, max: 3 } }],
    });
    const types = JSON.stringify([{ cloud: 'gcp', name: 'custom-96-393216', vcpu: 96, memory: '384Gi' }]);
    const { stdout } = await run(['--pods', 'pods.json', '--nodes', 'nodes.json', '--pools', 'p.json', '--machine-types', 't.json', '--json'], {
      'p.json': pools,
      't.json': types,
    });
    const report = JSON.parse(stdout);
    const custom = report.pods[0].pools.find((v: { pool: string }) => v.pool === 'custom');
    expect(custom.newNode).toMatchObject({ machineType: 'custom-96-393216', source: 'catalog' });
    expect(custom.fitsAfterScaleUp).toBe(true);
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: nodepools triage --pods pods.json --nodes nodes.json/);
  });
});
