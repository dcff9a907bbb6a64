import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import type { DesiredFormat, DesiredPool } from '../../desired/types';
import type { Provider } from '../../model/pool';
import { compareDrift } from '../compare';
import type { ActualPool, DriftFinding, Resolution } from '../types';
import { cloudPool, declaredPool } from '../__fixtures__/pools';
import { gcloudList } from '../../providers/revert/gke';
import { hclString, shellQuote } from './quote';

/*
 * Every value in a resolution comes from a file or a cloud. These tests
 * feed names and labels built to break out of quoting, and check with a
 * real shell, a small HCL tokenizer and the YAML parser that each value
 * arrives as the very same data, and nothing runs.
 */

const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-quoting-'));
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

const PROGRAMS = ['aws', 'gcloud', 'az', 'doctl', 'kubectl', 'eksctl', 'terraform'];

/** Runs the resolution's text in sh with each CLI replaced by a function that prints its arguments. */
function argvsOf(text: string): string[][] {
  const functions = PROGRAMS.map(p => `${p}() { for a in ${p} "$@"; do printf '%s\\0' "$a"; done; printf '\\001'; }`).join('\n');
  const out = execFileSync('sh', ['-c', `${functions}\n${text}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\u0001').slice(0, -1).map(command => command.split('\u0000').slice(0, -1));
}

function expectSameArgv(resolution: Resolution | undefined): void {
  if (resolution?.kind !== 'shell') return;
  expect(argvsOf(resolution.text)).toEqual(resolution.commands);
  expect(fs.existsSync(marker)).toBe(false);
}

interface HclScan {
  strings: string[];
  comments: string[];
  structure: string;
}

/** Splits HCL into decoded string literals, comment lines and the rest; throws on a template or raw newline in a string. */
function scanHcl(text: string): HclScan {
  const scan: HclScan = { strings: [], comments: [], structure: '' };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      scan.comments.push(text.slice(i, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined || d === '\n') throw new Error(`unterminated string at ${i}`);
        if (d === '"') break;
        if (d === '\\') {
          const e = text[i + 1];
          if (e === 'u') {
            value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          value += ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[e];
          i += 2;
          continue;
        }
        if ((d === '$' || d === '%') && text[i + 1] === d && text[i + 2] === '{') {
          value += `${d}{`;
          i += 3;
          continue;
        }
        if ((d === '$' || d === '%') && text[i + 1] === '{') throw new Error(`template sequence at ${i}`);
        value += d;
        i++;
      }
      scan.strings.push(value);
      i++;
    } else {
      scan.structure += c;
      i++;
    }
  }
  return scan;
}

function expectSafeHcl(resolution: Resolution | undefined, values: readonly string[]): void {
  if (resolution?.kind !== 'hcl') return;
  const scan = scanHcl(resolution.text);
  expect(scan.structure).toMatch(/^[A-Za-z0-9_\s={}[\],.-]*$/);
  for (const value of values) expect(scan.strings).toContain(value);
  expect(resolution.text.split('\n').filter(l => l.trim().startsWith('#'))).toHaveLength(scan.comments.length);
}

const labels = Object.fromEntries(HOSTILE.map((v, i) => [`k${i}.example.com/${v.slice(0, 3).replace(/[^a-z]/g, 'x') || 'x'}`, v]));
const taints = HOSTILE.map((v, i) => ({ key: `t${i}`, value: v, effect: 'NoSchedule' as const }));
const tags = { owner: HOSTILE[1] };

function findings(provider: Provider, format: DesiredFormat, resourceType: string, extra: Partial<DesiredPool> = {}, actualExtra: Partial<ActualPool> = {}): DriftFinding[] {
  const identity = { provider, cluster: `cl"u$(id)ster\n`, name: NAME };
  const desired = declaredPool({
    ...identity,
    format,
    resourceType,
    source: `dir/it's $(x)\nfile.tf`,
    address: `module.a["k\\"$(x)\n"].${resourceType}.p["${HOSTILE[0]}"]`,
    labels: {},
    taints: [],
    tags: { owner: 'team-a' },
    requirements: [],
    limits: {},
    target: { arn: `arn:aws:eks:eu-west-1:1:nodegroup/c/n/${HOSTILE[2]}`, location: HOSTILE[3], resourceGroup: HOSTILE[0], clusterId: HOSTILE[1] },
    ...extra,
  });
  const actual = cloudPool({ ...identity, labels, taints, tags, requirements: [{ key: HOSTILE[4], operator: 'In', values: [HOSTILE[5]] }], limits: { cpu: HOSTILE[6] }, autoscaling: { enabled: true, min: 1, max: 9 }, ...actualExtra });
  return compareDrift({ desired: [desired], actual: [actual] }, { scope: 'all' }).findings;
}

describe('quoting', () => {
  it.each(HOSTILE.concat([NAME, '', 'plain-word', 'a=b,c:d/e.f@g%h+i']))('gives the shell back %p as one argument', value => {
    expect(argvsOf(`kubectl ${shellQuote(value)}`)).toEqual([['kubectl', value]]);
  });

  it.each(HOSTILE.concat([NAME]))('writes %p as an HCL string that reads back the same and interpolates nothing', value => {
    expect(scanHcl(`x = ${hclString(value)}`).strings).toEqual([value]);
  });

  it('switches the gcloud list delimiter when an item holds a comma', () => {
    expect(gcloudList(['a=1', 'b=2'])).toBe('a=1,b=2');
    expect(gcloudList(['a=1,2', 'b=3'])).toBe('^;^a=1,2;b=3');
    expect(gcloudList(['a=1,2;', 'b=3'])).toBe('^|^a=1,2;|b=3');
  });
});

describe.each<[Provider, DesiredFormat, string]>([
  ['eks', 'terraform-state', 'aws_eks_node_group'],
  ['gke', 'terraform-plan', 'google_container_node_pool'],
  ['gke', 'terraform-state', 'google_container_cluster.node_pool'],
  ['aks', 'terraform-state', 'azurerm_kubernetes_cluster_node_pool'],
  ['aks', 'terraform-state', 'azurerm_kubernetes_cluster.default_node_pool'],
  ['doks', 'terraform-state', 'digitalocean_kubernetes_node_pool'],
  ['eks', 'eksctl', 'managedNodeGroups'],
  ['kubernetes', 'eksctl', 'nodeGroups'],
  ['karpenter', 'manifests', 'NodePool'],
  ['karpenter', 'terraform-state', 'kubernetes_manifest'],
  ['karpenter', 'terraform-state', 'kubectl_manifest'],
])('resolutions for %s pools declared in %s (%s)', (provider, format, resourceType) => {
  const found = findings(provider, format, resourceType);

  it('finds the hostile values as drift', () => {
    expect(found.length).toBeGreaterThan(1);
  });

  it('writes revert commands whose arguments reach the CLI unchanged, running nothing', () => {
    const shells = found.map(f => f.revert).filter(r => r?.kind === 'shell');
    expect(shells.length).toBeGreaterThan(0);
    shells.forEach(expectSameArgv);
  });

  it('writes IaC that reads back as the cloud values, with nothing evaluated', () => {
    const adoptions = found.filter(f => f.adopt && f.adopt.kind !== 'note');
    expect(adoptions.length).toBeGreaterThan(0);
    for (const finding of adoptions) expectSafeAdoption(finding, provider);
  });
});

/** The values a finding's adoption must carry through unchanged. */
function adoptedValues(finding: DriftFinding, provider: Provider): string[] {
  if (finding.field === 'labels') return Object.values(labels);
  if (finding.field !== 'taints') return [];
  return provider === 'aks' ? taints.map(t => `${t.key}=${t.value}:${t.effect}`) : HOSTILE;
}

function expectSafeAdoption(finding: DriftFinding, provider: Provider): void {
  const adopt = finding.adopt!;
  if (adopt.kind === 'hcl') {
    expectSafeHcl(adopt, adoptedValues(finding, provider));
  } else if (adopt.kind === 'yaml') {
    const text = JSON.stringify(parse(adopt.text));
    for (const value of adoptedValues(finding, provider)) expect(text).toContain(JSON.stringify(value));
    expect(adopt.text.split('\n')[0]).toMatch(/^# in ".*" \(".*"\)$/);
  } else {
    expectSameArgv(adopt);
  }
}

describe('resolutions of pools on one side only', () => {
  it.each<[Provider]>([['eks'], ['gke'], ['aks'], ['doks'], ['karpenter'], ['kubernetes']])('quote the %s delete and import commands', provider => {
    const report = compareDrift({ desired: [], actual: [cloudPool({ provider, name: NAME, cluster: HOSTILE[1], account: HOSTILE[0], region: HOSTILE[2] })] }, { scope: 'all' });
    const [finding] = report.findings;
    expect(finding.cause).toBe('not-in-iac');
    expectSameArgv(finding.revert);
    expectSameArgv(finding.adopt);
    expectSafeHcl(finding.adopt, provider === 'eks' ? [`${HOSTILE[1]}:${NAME}`] : []);
  });

  it.each<[DesiredFormat, string]>([['terraform-state', 'aws_eks_node_group'], ['eksctl', 'managedNodeGroups'], ['manifests', 'NodePool']])('quote how to create a %s pool again', (format, resourceType) => {
    const desired = declaredPool({ format, resourceType, name: NAME, source: `it's $(x).yaml`, address: `a["${HOSTILE[4]}"]` });
    const [finding] = compareDrift({ desired: [desired], actual: [] }).findings;
    expect(finding.revert?.kind).toBe('shell');
    expectSameArgv(finding.revert);
  });

  it('writes no command with a value the CLI would take as an option', () => {
    const [finding] = compareDrift({ desired: [], actual: [cloudPool({ name: '--all' })] }, { scope: 'all' }).findings;
    expect(finding.revert).toEqual({ kind: 'note', text: 'not written as a command: "--all" starts with "-" and would be read as an option' });
  });
});
