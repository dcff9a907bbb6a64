import {
  ExportParseError,
  PROVIDERS,
  formatImportIssue,
  parseExport,
  type ActualPool,
} from '@nodepools/plugin-nodepools-common';
import type { ContextFlags } from './args';
import type { CommandIo } from './io';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of a list document: a bare array or `{"items": [...]}`. */
function itemsOf(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  return isObject(document) && Array.isArray(document.items) ? document.items : undefined;
}

/**
 * Pools already in the model (`nodepools normalize` output, `GET /pools`
 * answers): a list, or `{items}`, whose every item names its provider,
 * cluster and name. These carry the observed nodes the node checks use.
 */
function normalizedPools(text: string): ActualPool[] | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const items = itemsOf(document);
  if (!items?.length) return undefined;
  const normalized = items.every(
    item =>
      isObject(item) &&
      (PROVIDERS as readonly unknown[]).includes(item.provider) &&
      typeof item.cluster === 'string' &&
      typeof item.name === 'string' &&
      Array.isArray(item.machineTypes) &&
      isObject(item.autoscaling),
  );
  return normalized ? (items as ActualPool[]) : undefined;
}

export interface ActualFiles {
  pools: ActualPool[];
  problems: string[];
}

/** The cloud's pools from exports (as `normalize` reads them) or from normalized pools JSON. */
export async function readActualFiles(files: readonly string[], context: ContextFlags, io: CommandIo): Promise<ActualFiles> {
  const out: ActualFiles = { pools: [], problems: [] };
  for (const file of files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      out.problems.push(`${file}: cannot read file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    const normalized = normalizedPools(text);
    if (normalized) {
      out.pools.push(...normalized);
      continue;
    }
    try {
      const { pools } = parseExport(text, { file, cluster: context.cluster, region: context.region, account: context.account });
      out.pools.push(...pools.map(({ raw: _raw, ...pool }) => pool));
    } catch (error) {
      if (!(error instanceof ExportParseError)) throw error;
      out.problems.push(...error.issues.map(issue => formatImportIssue({ file, ...issue })));
    }
  }
  return out;
}
