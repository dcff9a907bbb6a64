import {
  DEFAULT_OWNER_KEYS,
  EXPORT_FORMATS,
  ExportParseError,
  isExportFormat,
  type ExportFormat,
  PoolPage,
  formatImportIssue,
  parseExport,
} from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { toNodePool } from '../inventory/toNodePool';
import type { CommandIo } from './io';

const USAGE = `Usage: nodepools normalize [--format NAME] [--cluster NAME] [--region REGION] [--account ID] [--owner-tag KEY]... [--owner-label KEY]... <file>...

Prints the pools of cloud exports as the API's GET /pools returns them, and
what was read leniently as warnings on stderr.
--cluster/--region/--account fill in what an export does not say (DOKS and
Karpenter exports do not name their cluster).
--format reads every file as that format instead of recognizing its shape
(for projections such as az ... --query): one of ${EXPORT_FORMATS.join(', ')}.`;

interface NormalizeArgs {
  files: string[];
  context: { cluster?: string; region?: string; account?: string; format?: ExportFormat };
  tagKeys: string[];
  labelKeys: string[];
}

function formatOption(name: string): ExportFormat {
  if (isExportFormat(name)) return name;
  throw new Error(`Unknown format '${name}' for --format: valid formats are ${EXPORT_FORMATS.join(', ')}`);
}

function parseArgs(args: string[]): NormalizeArgs | string {
  const parsed: NormalizeArgs = { files: [], context: {}, tagKeys: [], labelKeys: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) {
        throw new Error(`Option ${arg} needs a value`);
      }
      return next;
    };
    if (arg === '--cluster') parsed.context.cluster = value();
    else if (arg === '--region') parsed.context.region = value();
    else if (arg === '--account') parsed.context.account = value();
    else if (arg === '--format') parsed.context.format = formatOption(value());
    else if (arg === '--owner-tag') parsed.tagKeys.push(value());
    else if (arg === '--owner-label') parsed.labelKeys.push(value());
    else if (arg === '--help' || arg === '-h') return USAGE;
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
    else parsed.files.push(arg);
  }
  if (!parsed.files.length) throw new Error('No file given');
  return parsed;
}

/**
 * `nodepools normalize`: every file is parsed; any problem in any file is
 * reported (file, item, field) and the command exits 1 without printing a
 * partial result. Warnings go to stderr and do not change the exit code.
 */
export async function runNormalizeCommand(
  args: string[],
  io: CommandIo,
): Promise<number> {
  let parsed: NormalizeArgs | string;
  try {
    parsed = parseArgs(args);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (typeof parsed === 'string') {
    io.stdout(`${parsed}\n`);
    return 0;
  }
  const ownership = {
    keys: {
      tagKeys: parsed.tagKeys.length ? parsed.tagKeys : DEFAULT_OWNER_KEYS.tagKeys,
      labelKeys: parsed.labelKeys.length ? parsed.labelKeys : DEFAULT_OWNER_KEYS.labelKeys,
    },
    rules: [],
  };
  const seenAt = new Date().toISOString();
  const page: PoolPage = { items: [], totalCount: 0 };
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const file of parsed.files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      problems.push(`${file}: cannot read file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    try {
      const result = parseExport(text, { file, ...parsed.context });
      warnings.push(...result.warnings.map(formatImportIssue));
      for (const pool of result.pools) {
        page.items.push(
          toNodePool(preparePool(pool, ownership), { source: `file:${file}`, seenAt }),
        );
      }
    } catch (error) {
      if (!(error instanceof ExportParseError)) throw error;
      problems.push(...error.issues.map(issue => formatImportIssue({ file, ...issue })));
    }
  }
  if (problems.length) {
    io.stderr(`${problems.map(p => `error: ${p}`).join('\n')}\n`);
    return 1;
  }
  // formatImportIssue already starts each warning with `warning: `.
  if (warnings.length) io.stderr(`${warnings.join('\n')}\n`);
  page.totalCount = page.items.length;
  io.stdout(`${JSON.stringify(page, null, 2)}\n`);
  return 0;
}
