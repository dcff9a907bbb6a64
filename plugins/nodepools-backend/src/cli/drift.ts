import {
  compareDrift,
  describeDriftValue,
  type ControlPlaneVersion,
  type DriftFinding,
  type DriftReport,
  type Resolution,
} from '@nodepools/plugin-nodepools-common';
import { readActualFiles } from './actualPools';
import { printable, readContextFlag, UsageError, type ContextFlags } from './args';
import { formatNote, readDesiredFiles } from './desired';
import type { CommandIo } from './io';

const USAGE = `Usage: nodepools drift --desired FILE... --actual FILE... [options]

Compares what desired-state files declare with the cloud's pools and their
nodes, field by field, and prints each finding with the command that
reverts the cloud and the IaC text that adopts the cloud's value.

  --desired FILE...       Terraform state or plan JSON, eksctl configs,
                          Karpenter NodePool manifests (as 'nodepools desired')
  --actual FILE...        cloud exports (as 'nodepools normalize' reads them),
                          or normalized pools JSON ('normalize' output or a
                          GET /pools answer, with the nodes' roll-ups)
  --cluster, --region, --account
                          fill in what files do not say (both sides);
                          --override makes them replace it in desired files
  --control-plane CLUSTER=VERSION
                          the control plane's version, repeatable; else the
                          version a desired file declares for the cluster
  --owner-tag KEY         tag keys compared as owner tags (repeatable;
                          default owner, team, backstage.io/owner)
  --all-clusters          report cloud pools of every cluster, not only of
                          the clusters the desired files declare
  --json                  print {findings, matched, notes} as JSON
  --exit-code             exit 3 when there is a finding

Exit codes: 0 printed; 1 a file cannot be used; 2 wrong arguments; 3 with
--exit-code when there are findings.`;

interface DriftArgs {
  desired: string[];
  actual: string[];
  context: ContextFlags;
  controlPlanes: ControlPlaneVersion[];
  ownerTagKeys: string[];
  allClusters: boolean;
  json: boolean;
  exitCode: boolean;
}

function controlPlane(value: string): ControlPlaneVersion {
  const equals = value.lastIndexOf('=');
  if (equals <= 0 || equals === value.length - 1) throw new UsageError(`--control-plane expects CLUSTER=VERSION, got ${JSON.stringify(value)}`);
  return { cluster: value.slice(0, equals), version: value.slice(equals + 1), source: '--control-plane' };
}

function parseArgs(args: string[]): DriftArgs | 'help' {
  const parsed: DriftArgs = { desired: [], actual: [], context: {}, controlPlanes: [], ownerTagKeys: [], allClusters: false, json: false, exitCode: false };
  let list: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`Option ${arg} needs a value`);
      return next;
    };
    const used = readContextFlag(args, i, parsed.context);
    if (used !== undefined) {
      i = used;
      list = undefined;
      continue;
    }
    if (!arg.startsWith('-')) {
      if (!list) throw new UsageError(`Unexpected argument ${arg}: files follow --desired or --actual`);
      list.push(arg);
      continue;
    }
    list = undefined;
    if (arg === '--desired') (list = parsed.desired).push(value());
    else if (arg === '--actual') (list = parsed.actual).push(value());
    else if (arg === '--control-plane') parsed.controlPlanes.push(controlPlane(value()));
    else if (arg === '--owner-tag') parsed.ownerTagKeys.push(value());
    else if (arg === '--all-clusters') parsed.allClusters = true;
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--exit-code') parsed.exitCode = true;
    else if (arg === '--help' || arg === '-h') return 'help';
    else throw new UsageError(`Unknown option ${arg}`);
  }
  if (!parsed.desired.length) throw new UsageError('--desired is required');
  if (!parsed.actual.length) throw new UsageError('--actual is required');
  return parsed;
}

function indented(label: string, text: string): string[] {
  const [first, ...rest] = printable(text).split('\n');
  return [`  ${label.padEnd(8)} ${first}`, ...rest.map(line => `  ${''.padEnd(8)} ${line}`)];
}

function resolution(label: string, r: Resolution | undefined): string[] {
  if (!r) return [];
  return [...indented(label, r.text), ...(r.note ? indented('', `(${r.note})`) : [])];
}

function findingBlock(f: DriftFinding): string[] {
  return [
    printable(`${f.severity.toUpperCase().padEnd(7)}${f.cause.padEnd(19)}${f.ref}  ${f.field}`),
    ...indented('', f.message),
    ...(f.desired !== undefined ? indented('desired', describeDriftValue(f.desired)) : []),
    ...(f.actual !== undefined ? indented('actual', describeDriftValue(f.actual)) : []),
    ...(f.origin ? indented('source', `${f.origin.source}: ${f.origin.address}`) : []),
    ...resolution('revert', f.revert),
    ...resolution('adopt', f.adopt),
    `  ${'id'.padEnd(8)} ${f.id}`,
  ];
}

/** The readable report: a summary line, then one block per finding, most severe first. */
export function formatDriftReport(report: DriftReport, declared: number): string {
  const count = (severity: string) => report.findings.filter(f => f.severity === severity).length;
  const summary = report.findings.length
    ? `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} (${count('high')} high, ${count('medium')} medium, ${count('low')} low)`
    : 'No drift';
  const lines = [`${summary}; ${report.matched} of ${declared} declared pool${declared === 1 ? '' : 's'} matched a cloud pool`];
  for (const finding of report.findings) lines.push('', ...findingBlock(finding));
  if (report.notes.length) lines.push('', 'Notes:', ...report.notes.map(n => `  ${printable(n)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * `nodepools drift`: reads every desired and actual file (any problem in any
 * file is reported and nothing is compared), then prints the findings.
 */
export async function runDriftCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: DriftArgs | 'help';
  try {
    parsed = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const desired = await readDesiredFiles(parsed.desired, parsed.context, io);
  const actual = await readActualFiles(parsed.actual, { ...parsed.context, override: false }, io);
  const problems = [...desired.problems, ...actual.problems];
  if (problems.length) {
    io.stderr(`${problems.map(p => `error: ${printable(p)}`).join('\n')}\n`);
    return 1;
  }
  for (const note of desired.notes) io.stderr(`note: ${printable(formatNote(note))}\n`);
  const report = compareDrift(
    { desired: desired.pools, actual: actual.pools, clusters: desired.clusters, controlPlanes: parsed.controlPlanes },
    {
      ...(parsed.ownerTagKeys.length ? { ownerTagKeys: parsed.ownerTagKeys } : {}),
      scope: parsed.allClusters ? 'all' : 'declared-clusters',
    },
  );
  io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatDriftReport(report, desired.pools.length));
  return parsed.exitCode && report.findings.length ? 3 : 0;
}
