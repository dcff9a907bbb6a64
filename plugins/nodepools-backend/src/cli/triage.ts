import {
  ExportParseError,
  PROVIDERS,
  TriageInputError,
  analyzePendingPods,
  createMachineCatalog,
  expandTriageReport,
  formatImportIssue,
  parseExport,
  type NodePool,
  type PodTriage,
  type PoolSpec,
  type TriageReason,
  type ExpandedTriageReport,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import YAML from 'yaml';
import type { CommandIo } from './io';

const USAGE = `Usage: nodepools triage --pods pods.json --nodes nodes.json [options]

Explains, for every Pending pod, which pools could take it now or after a
scale-up, every blocker found on each pool, and the smallest change that
lets it schedule.

  --pods FILE          kubectl get pods -A -o json (or -o yaml)
  --nodes FILE         kubectl get nodes -o json
  --events FILE        kubectl get events -A -o json: FailedScheduling
                       messages and pods that got no IP address
  --pools FILE         pool definitions, repeatable: any cloud export that
                       'nodepools normalize' reads, or normalized pools JSON
                       (an array, or {"items": [...]} as GET /pools returns)
  --pvs FILE           kubectl get pv -o json, for the zones of bound volumes
  --pvcs FILE          kubectl get pvc -A -o json
  --namespaces FILE    kubectl get namespaces -o json, for namespace selectors
  --machine-types FILE extra or corrected machine types (JSON or YAML list)
  --cluster NAME       the cluster the pods and nodes come from
  --prefix-delegation  the EKS VPC CNI already hands out /28 prefixes
  --json               print the report as JSON instead of a table`;

interface TriageArgs {
  pods?: string;
  nodes?: string;
  events?: string;
  pools: string[];
  pvs?: string;
  pvcs?: string;
  namespaces?: string;
  machineTypes?: string;
  cluster?: string;
  prefixDelegation: boolean;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(args: string[]): TriageArgs | 'help' {
  const parsed: TriageArgs = { pools: [], prefixDelegation: false, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`Option ${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--pods':
        parsed.pods = value();
        break;
      case '--nodes':
        parsed.nodes = value();
        break;
      case '--events':
        parsed.events = value();
        break;
      case '--pools':
        parsed.pools.push(value());
        break;
      case '--pvs':
        parsed.pvs = value();
        break;
      case '--pvcs':
        parsed.pvcs = value();
        break;
      case '--namespaces':
        parsed.namespaces = value();
        break;
      case '--machine-types':
        parsed.machineTypes = value();
        break;
      case '--cluster':
        parsed.cluster = value();
        break;
      case '--prefix-delegation':
        parsed.prefixDelegation = true;
        break;
      case '--json':
        parsed.json = true;
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new UsageError(arg.startsWith('-') ? `Unknown option ${arg}` : `Unexpected argument ${arg}`);
    }
  }
  if (!parsed.pods) throw new UsageError('--pods is required');
  if (!parsed.nodes) throw new UsageError('--nodes is required');
  return parsed;
}

/** A problem with one input file, reported as `file: message`. */
class InputFileError extends Error {}

/** kubectl prints JSON or YAML; both are accepted. */
function parseDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (jsonError) {
    try {
      return YAML.parse(text);
    } catch {
      throw new InputFileError(`${file}: neither JSON nor YAML: ${(jsonError as Error).message}`);
    }
  }
}

async function readDocument(io: CommandIo, file: string | undefined): Promise<unknown> {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    throw new InputFileError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  return parseDocument(text, file);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of a list document: a bare array or `{"items": [...]}`. */
function itemsOf(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  return isObject(document) && Array.isArray(document.items) ? document.items : undefined;
}

/** Pools already in the normalized shape: every item names its provider, cluster and name. */
function normalizedPools(document: unknown): Array<PoolSpec | NodePool> | undefined {
  const items = itemsOf(document);
  if (!items || items.length === 0) return undefined;
  const normalized = items.every(
    item =>
      isObject(item) &&
      PROVIDERS.includes(item.provider as never) &&
      typeof item.cluster === 'string' &&
      typeof item.name === 'string',
  );
  return normalized ? (items as Array<PoolSpec | NodePool>) : undefined;
}

async function readPools(io: CommandIo, files: string[], cluster: string | undefined) {
  const pools: Array<PoolSpec | NodePool> = [];
  for (const file of files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      throw new InputFileError(`${file}: cannot be read: ${(error as Error).message}`);
    }
    let document: unknown;
    try {
      document = parseDocument(text, file);
    } catch {
      document = undefined;
    }
    const normalized = normalizedPools(document);
    if (normalized) {
      pools.push(...normalized);
      continue;
    }
    try {
      pools.push(...parseExport(text, { file, cluster }).pools);
    } catch (error) {
      if (error instanceof ExportParseError) {
        throw new InputFileError(error.issues.map(issue => formatImportIssue({ file, ...issue })).join('\n'));
      }
      throw error;
    }
  }
  return pools;
}

function table(rows: string[][], indent: string): string[] {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.filter(row => row.length > 1).map(row => (row[column] ?? '').length)),
  );
  return rows.map(row =>
    `${indent}${row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')}`.trimEnd(),
  );
}

/** `2 nodes`, `new node`, `1 node and new node`: where on the pool a blocker was found. */
function whereFound(reason: TriageReason): string {
  const nodes = reason.nodes ? `${reason.nodes} node${reason.nodes > 1 ? 's' : ''}` : undefined;
  if (reason.scope === 'new-node') return 'new node';
  if (reason.scope === 'pool') return nodes ? `${nodes} and new node` : 'pool';
  return nodes ?? 'nodes';
}

function poolRows(triage: PodTriage): string[][] {
  const rows = [['POOL', 'NOW', 'SCALE-UP', 'REASONS']];
  for (const verdict of triage.pools) {
    const reasons = verdict.reasons.map(reason => `${reason.code} (${whereFound(reason)}): ${reason.message}`);
    const first = [verdict.pool, verdict.fitsNow ? 'yes' : 'no', verdict.fitsAfterScaleUp ? 'yes' : 'no', reasons[0] ?? ''];
    rows.push(first);
    for (const more of reasons.slice(1)) rows.push(['', '', '', more]);
  }
  return rows;
}

/** The readable report: one block per signature, its pods, the pool matrix and the fix. */
export function formatTriageTable(report: ExpandedTriageReport): string {
  const pending = report.pods.filter(p => p.state === 'unscheduled');
  const placed = report.pods.filter(p => p.state !== 'unscheduled');
  const lines: string[] = [
    `Cluster ${report.cluster}: ${pending.length} pending pod${pending.length === 1 ? '' : 's'} in ${
      report.signatures.length
    } signature${report.signatures.length === 1 ? '' : 's'}, ${report.pools.length} pool${report.pools.length === 1 ? '' : 's'}`,
  ];
  for (const signature of report.signatures) {
    const pods = pending.filter(p => p.signature === signature.id);
    const first = pods[0];
    lines.push('');
    lines.push(
      `${signature.id}: ${pods.length} pod${pods.length === 1 ? '' : 's'}: ${pods
        .slice(0, 5)
        .map(p => `${p.namespace}/${p.name}`)
        .join(', ')}${pods.length > 5 ? ` and ${pods.length - 5} more` : ''}`,
    );
    const requests = Object.entries(signature.requests).map(([name, amount]) => `${name} ${amount}`);
    if (requests.length) lines.push(`  requests  ${requests.join(', ')}`);
    for (const line of signature.summary) lines.push(`  ${line}`);
    if (first.schedulerMessage) lines.push(`  scheduler ${first.schedulerMessage}`);
    lines.push(...table(poolRows(first), '  '));
    lines.push(`  fix (${first.fix.kind}): ${first.fix.text}`);
  }
  if (placed.length) {
    lines.push('', 'Placed pods that are not running:');
    for (const pod of placed) {
      lines.push(`  ${pod.namespace}/${pod.name} (${pod.state}): ${pod.fix.text}`);
      for (const verdict of pod.pools) {
        for (const reason of verdict.reasons) lines.push(`    ${verdict.pool}: ${reason.message}`);
      }
    }
  }
  if (report.skipped.length) {
    lines.push('', 'Left out of the analysis:');
    for (const item of report.skipped) lines.push(`  ${item.object}: field '${item.field}': ${item.message}`);
  }
  if (report.notes.length) {
    lines.push('', 'Notes:');
    for (const note of report.notes) lines.push(`  ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `nodepools triage`: reads kubectl output and pool definitions, prints the
 * report. Exit codes: 0 the report was printed (bad items of a list are
 * reported in it); 1 an input file cannot be used; 2 wrong arguments.
 */
export async function runTriageCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: TriageArgs | 'help';
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
  try {
    const [pods, nodes, events, persistentVolumes, persistentVolumeClaims, namespaces, machineTypes] = await Promise.all([
      readDocument(io, parsed.pods),
      readDocument(io, parsed.nodes),
      readDocument(io, parsed.events),
      readDocument(io, parsed.pvs),
      readDocument(io, parsed.pvcs),
      readDocument(io, parsed.namespaces),
      readDocument(io, parsed.machineTypes),
    ]);
    const pools = await readPools(io, parsed.pools, parsed.cluster);
    let catalog;
    if (machineTypes !== undefined) {
      const rows = itemsOf(machineTypes);
      if (!Array.isArray(rows)) {
        throw new InputFileError(`${parsed.machineTypes}: expected a list of machine types`);
      }
      try {
        catalog = createMachineCatalog(rows);
      } catch (error) {
        throw new InputFileError(`${parsed.machineTypes}: ${(error as Error).message}`);
      }
    }
    let report: TriageReport;
    try {
      report = analyzePendingPods(
        { cluster: parsed.cluster, pods, nodes, events, pools, persistentVolumes, persistentVolumeClaims, namespaces },
        { catalog, prefixDelegation: parsed.prefixDelegation },
      );
    } catch (error) {
      if (error instanceof TriageInputError) {
        const file = error.list === 'pods' ? parsed.pods : parsed.nodes;
        throw new InputFileError(`${file}: ${error.message}`);
      }
      throw error;
    }
    // Scripts read the per-pod shape: every pod with every pool's verdict.
    const expanded = expandTriageReport(report);
    io.stdout(parsed.json ? `${JSON.stringify(expanded, null, 2)}\n` : formatTriageTable(expanded));
    return 0;
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    io.stderr(`${error.message}\n`);
    return 1;
  }
}
