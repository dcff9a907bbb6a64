import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import type { Resolution } from '../../drift/types';
import { REQUEST_KINDS } from '../kinds';
import type { PoolRequestSpec } from '../types';
import { parseHcl } from '../__testUtils__/hcl';
import { makeRequestSpec } from '../__testUtils__/specs';
import { renderRequest } from './index';

/*
 * The renderers quote every value, whatever passed the API's schema: these
 * specs carry names, labels and taints built to break out of shell, HCL
 * and YAML quoting, and a real shell, the HCL reader and the YAML parser
 * must get each value back unchanged, with nothing run or interpolated.
 */

const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'request-quoting-'));
const marker = path.join(workdir, 'ran');
afterAll(() => fs.rmSync(workdir, { recursive: true, force: true }));

const HOSTILE = [
  `it's "quoted"`,
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  `a;touch ${marker}`,
  `new\nline && touch ${marker}`,
  '${var.secret} %{ if true }x%{ endif }',
  'back\\slash\ttab\u2028ls',
  "'; touch MARK #".replace('MARK', marker),
];
const NAME = `we'b $(touch ${marker}) \`id\`\n"x"`;
const PROGRAMS = ['aws', 'gcloud', 'az', 'doctl', 'kubectl'];

function argvsOf(text: string): string[][] {
  const functions = PROGRAMS.map(p => `${p}() { for a in ${p} "$@"; do printf '%s\\0' "$a"; done; printf '\\001'; }`).join('\n');
  const out = execFileSync('sh', ['-c', `${functions}\n${text}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\u0001').slice(0, -1).map(command => command.split('\u0000').slice(0, -1));
}

function hostileSpec(kind: PoolRequestSpec['kind']): PoolRequestSpec {
  const base = makeRequestSpec(kind);
  return {
    ...base,
    cluster: `${base.cluster.split('/').slice(0, 3).join('/')}/cl"u$(id)ster\n`,
    name: NAME,
    machineTypes: base.machineTypes.map((t, i) => (i === 0 ? `${t}${HOSTILE[1]}` : t)),
    labels: Object.fromEntries(HOSTILE.map((v, i) => [`k${i}.example.com/x`, v])),
    taints: HOSTILE.map((v, i) => ({ key: `t${i}`, value: v, effect: 'NoSchedule' as const })),
    zones: base.zones.length ? [HOSTILE[3], HOSTILE[0]] : [],
    resourceGroup: kind === 'aks-node-pool' ? HOSTILE[0] : undefined,
    nodeClass: kind === 'karpenter-nodepool' ? HOSTILE[2] : undefined,
    owner: `group:default/${HOSTILE[4]}`,
  };
}

describe.each(REQUEST_KINDS)('rendering a %s request with hostile values', kind => {
  const spec = hostileSpec(kind);
  const rendered = renderRequest(spec);

  it('writes a command whose arguments reach the CLI unchanged, running nothing', () => {
    const cli: Resolution = rendered.cli;
    expect(cli.kind).toBe('shell');
    const argv = argvsOf(cli.text);
    expect(argv).toEqual(cli.commands);
    expect(fs.existsSync(marker)).toBe(false);
    // The pool's name reaches the CLI as one argument (Karpenter's command names a file, not the pool).
    const expected = kind === 'karpenter-nodepool' ? cli.commands![0] : [NAME];
    expect(argv[0]).toEqual(expect.arrayContaining(expected));
  });

  it('writes HCL whose strings read back as the values, with nothing interpolated', () => {
    const doc = parseHcl(rendered.terraform.text);
    const strings = JSON.stringify(doc.resources);
    expect(doc.resources.filter(r => r.kind === 'resource')).toHaveLength(1);
    expect(strings).toContain(JSON.stringify(NAME));
    for (const value of HOSTILE) expect(strings).toContain(JSON.stringify(kind === 'aks-node-pool' ? `t${HOSTILE.indexOf(value)}=${value}:NoSchedule` : value));
    // Every comment line is one line: a newline in a value cannot start code.
    expect(rendered.terraform.text.split('\n').filter(line => line.trim().startsWith('#'))).toHaveLength(doc.comments.length);
  });

  if (kind === 'karpenter-nodepool') {
    it('writes YAML that parses back to the values', () => {
      const manifest = parse(rendered.manifest!.text);
      expect(manifest.metadata.name).toBe(NAME);
      expect(manifest.spec.template.metadata.labels).toEqual(spec.labels);
      expect(manifest.spec.template.spec.taints.map((t: { value: string }) => t.value)).toEqual(HOSTILE);
      expect(manifest.spec.template.spec.nodeClassRef.name).toBe(HOSTILE[2]);
      expect(rendered.manifest!.text.split('\n')[0]).toMatch(/^# NodePool ".*" for cluster ".*"$/);
    });
  }
});

it('passes the EKS labels as one JSON argument that reads back as the labels', () => {
  const spec = hostileSpec('eks-managed-node-group');
  const [argv] = argvsOf(renderRequest(spec).cli.text);
  expect(JSON.parse(argv[argv.indexOf('--labels') + 1])).toEqual(spec.labels);
});

describe('values that would read as options', () => {
  it('passes a flag value starting with "-" as --flag=value', () => {
    const cli = renderRequest(makeRequestSpec('aks-node-pool', { name: '--all' })).cli;
    expect(argvsOf(cli.text)[0]).toContain('--name=--all');
  });

  it.each([
    ['gke-node-pool', { name: '--all' }],
    ['doks-node-pool', { cluster: 'doks/-/ams3/--force' }],
    ['eks-managed-node-group', { machineTypes: ['--debug'] }],
  ] as const)('writes no %s command with a positional value starting with "-"', (kind, overrides) => {
    const cli = renderRequest(makeRequestSpec(kind, overrides as Partial<PoolRequestSpec>)).cli;
    expect(cli.kind).toBe('note');
    expect(cli.text).toMatch(/starts with "-"/);
  });
});
