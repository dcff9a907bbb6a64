import {
  DesiredReadError,
  formatDesiredIssue,
  readDesired,
  type DesiredCluster,
  type DesiredNote,
  type DesiredPool,
} from '@nodepools/plugin-nodepools-common';
import { printable, readContextFlag, UsageError, type ContextFlags } from './args';
import type { CommandIo } from './io';

const USAGE = `Usage: nodepools desired [--cluster NAME] [--region REGION] [--account ID] [--override] <file>...

Prints the node pools that desired-state files declare, in the pool model,
each with its source file and resource address:
  - Terraform state (format 4) or \`terraform show -json\` output of a plan
  - eksctl ClusterConfig YAML (managedNodeGroups, nodeGroups)
  - Karpenter NodePool manifests (YAML, multi-document, kind: List,
    kustomize build output)
Only pool attributes are read from state files; nothing else is printed.

--cluster/--region/--account fill in what a file does not say (manifests do
not name their cluster; a plan of a new node group has no ARN). With
--override they replace what the files say.`;

interface DesiredArgs {
  files: string[];
  context: ContextFlags;
}

function parseArgs(args: string[]): DesiredArgs | 'help' {
  const parsed: DesiredArgs = { files: [], context: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const used = readContextFlag(args, i, parsed.context);
    if (used !== undefined) i = used;
    else if (arg === '--help' || arg === '-h') return 'help';
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`);
    else parsed.files.push(arg);
  }
  if (!parsed.files.length) throw new UsageError('No file given');
  return parsed;
}

export interface DesiredFiles {
  pools: DesiredPool[];
  clusters: DesiredCluster[];
  notes: DesiredNote[];
  /** One line per problem: `file: address: field 'x': message`. */
  problems: string[];
}

/** Reads every file, collecting every problem of every file before anything is used. */
export async function readDesiredFiles(files: readonly string[], context: ContextFlags, io: CommandIo): Promise<DesiredFiles> {
  const out: DesiredFiles = { pools: [], clusters: [], notes: [], problems: [] };
  for (const file of files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      out.problems.push(`${file}: cannot read file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    try {
      const read = readDesired(text, { ...context, source: file });
      out.pools.push(...read.pools);
      out.clusters.push(...read.clusters);
      out.notes.push(...read.notes);
    } catch (error) {
      if (!(error instanceof DesiredReadError)) throw error;
      out.problems.push(...error.issues.map(issue => formatDesiredIssue({ ...issue, source: file })));
    }
  }
  return out;
}

export function formatNote(note: DesiredNote): string {
  return [note.source, note.address, note.message].filter(Boolean).join(': ');
}

/**
 * `nodepools desired`: any problem in any file is reported (file, address,
 * field) and the command exits 1 without printing a partial result.
 */
export async function runDesiredCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: DesiredArgs | 'help';
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
  const read = await readDesiredFiles(parsed.files, parsed.context, io);
  if (read.problems.length) {
    io.stderr(`${read.problems.map(p => `error: ${printable(p)}`).join('\n')}\n`);
    return 1;
  }
  for (const note of read.notes) io.stderr(`note: ${printable(formatNote(note))}\n`);
  const result = { items: read.pools, totalCount: read.pools.length, clusters: read.clusters, notes: read.notes };
  io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
