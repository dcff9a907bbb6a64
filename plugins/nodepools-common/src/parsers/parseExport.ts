import { poolRef, type PoolSpec } from '../model/pool';
import type { ImportIssue } from '../model/sources';
import { markSoleAksPoolsAsSystem, readAksAgentPool } from './aks';
import { collectItems } from './collect';
import { detectExport, type DetectedExport } from './detect';
import { namedFormatExport } from './namedFormat';
import { readDocuments } from './documents';
import { parseDoksNodePool } from './doks';
import { parseEksNodegroup } from './eks';
import { parseGkeNodePool } from './gke';
import { parseKarpenterNodePool } from './karpenter';
import {
  EXPORT_FORMATS,
  ExportParseError,
  isExportFormat,
  type ExportContext,
  type ExportFormat,
  type ItemParser,
  type ParsedExport,
} from './types';

type AksFormat = 'aks-arm' | 'aks-cli';

const ITEM_PARSERS: Record<Exclude<ExportFormat, AksFormat>, ItemParser> = {
  'eks': parseEksNodegroup,
  'karpenter': parseKarpenterNodePool,
  'gke': parseGkeNodePool,
  'doks': parseDoksNodePool,
};

/** Formats whose records do not name their cluster: the file's config must. */
const CLUSTER_FROM_CONTEXT: readonly ExportFormat[] = [
  'karpenter',
  'doks',
];

function isAks(format: ExportFormat): format is AksFormat {
  return format === 'aks-arm' || format === 'aks-cli';
}

function withFile(
  ctx: ExportContext,
  issue: Omit<ImportIssue, 'file'>,
): ImportIssue {
  return { ...(ctx.file !== undefined ? { file: ctx.file } : {}), ...issue };
}

function parsePools(detected: DetectedExport, ctx: ExportContext): PoolSpec[] {
  const { format, items } = detected;
  if (isAks(format)) {
    const records = collectItems(items, readAksAgentPool, ctx);
    return detected.completeListing
      ? markSoleAksPoolsAsSystem(records)
      : records.map(record => record.pool);
  }
  return collectItems(items, ITEM_PARSERS[format], ctx);
}

/** Two records of one pool in a file would overwrite each other in the inventory. */
function rejectDuplicates(
  pools: readonly PoolSpec[],
  detected: DetectedExport,
  ctx: ExportContext,
): void {
  const firstIndex = new Map<string, number>();
  const issues: ImportIssue[] = [];
  pools.forEach((pool, position) => {
    const ref = poolRef(pool);
    const index = detected.items[position].index;
    const earlier = firstIndex.get(ref);
    if (earlier === undefined) {
      firstIndex.set(ref, index);
    } else {
      issues.push(
        withFile(ctx, { index, message: `pool ${ref} is also item ${earlier}` }),
      );
    }
  });
  if (issues.length) throw new ExportParseError(issues);
}

/** Unknown format names are refused before the file is read. */
function namedFormat(ctx: ExportContext): ExportFormat | undefined {
  const format = ctx.format;
  if (format === undefined || isExportFormat(format)) return format;
  throw new ExportParseError([
    withFile(ctx, {
      field: 'format',
      message: `unknown format ${JSON.stringify(format)}: valid formats are ${EXPORT_FORMATS.join(', ')}`,
    }),
  ]);
}

/**
 * Reads a cloud's export of node pools (JSON or YAML), recognizing the format
 * by its shape unless `ctx.format` names it, and maps every record to a pool.
 * All or nothing: any problem throws one ExportParseError listing every
 * problem found, each with the file, the item's position and the field.
 * Fields read leniently come back as `warnings` of the pools that were made.
 */
export function parseExport(
  text: string,
  context: ExportContext = {},
): ParsedExport {
  const warnings: ImportIssue[] = [];
  const ctx: ExportContext = {
    ...context,
    onWarning: warning => warnings.push(warning),
  };
  const format = namedFormat(ctx);
  const documents = readDocuments(text, ctx);
  const detected = format
    ? namedFormatExport(documents, format, ctx)
    : detectExport(documents, ctx);
  if (CLUSTER_FROM_CONTEXT.includes(detected.format) && !ctx.cluster) {
    throw new ExportParseError([
      withFile(ctx, {
        field: 'cluster',
        message: `a ${detected.format} export does not name its cluster: set \`cluster\` (and \`region\`) for this file in the source config`,
      }),
    ]);
  }
  const pools = parsePools(detected, ctx);
  rejectDuplicates(pools, detected, ctx);
  return { format: detected.format, pools, warnings };
}
