import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';
import {
  EXPORT_FORMATS,
  ExportParseError,
  isExportFormat,
  parseExport,
  type ExportFormat,
} from '@nodepools/plugin-nodepools-common';
import type { PoolSource, ScopeListing } from '../types';

/** One exported file and what it cannot say about itself. */
export interface PoolFile {
  path: string;
  cluster?: string;
  region?: string;
  account?: string;
  /** One of EXPORT_FORMATS, for a file whose shape is not recognized. */
  format?: ExportFormat;
}

function readFormat(file: Config, at: string): ExportFormat | undefined {
  const format = file.getOptionalString('format');
  if (format === undefined || isExportFormat(format)) return format;
  throw new Error(
    `Invalid config at ${at}.format: unknown format '${format}'; valid formats are ${EXPORT_FORMATS.join(', ')}`,
  );
}

/** Reads `nodepools.sources.files`; throws on a `format` that names no export format. */
export function readPoolFiles(config: Config): PoolFile[] {
  return (config.getOptionalConfigArray('nodepools.sources.files') ?? []).map(
    (file, index) => {
      const entry: PoolFile = { path: file.getString('path') };
      for (const key of ['cluster', 'region', 'account'] as const) {
        const value = file.getOptionalString(key);
        if (value !== undefined) entry[key] = value;
      }
      const format = readFormat(file, `nodepools.sources.files[${index}]`);
      if (format !== undefined) entry.format = format;
      return entry;
    },
  );
}

/**
 * Pools from the clouds' CLI/API exports on disk. Each file is one scope: a
 * file that cannot be read or parsed keeps its pools (stale), and nothing of
 * it is written; the other files still import. Fields read leniently are
 * listed as warning issues of a complete read.
 */
export class FileSource implements PoolSource {
  readonly id = 'files';
  readonly kind = 'file';
  readonly target: string;

  constructor(
    private readonly files: PoolFile[],
    /** Directory relative paths are resolved against. */
    private readonly baseDir: string,
  ) {
    this.target = `${files.length} file${files.length === 1 ? '' : 's'}`;
  }

  async list(): Promise<ScopeListing[]> {
    return Promise.all(this.files.map(file => this.readFile(file)));
  }

  private async readFile(file: PoolFile): Promise<ScopeListing> {
    const scope = `file:${file.path}`;
    const ctx = {
      file: file.path,
      cluster: file.cluster,
      region: file.region,
      account: file.account,
      format: file.format,
    };
    let text: string;
    try {
      text = await fs.readFile(path.resolve(this.baseDir, file.path), 'utf8');
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'file not found'
          : `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
      const message = `${file.path}: ${reason}`;
      return {
        scope,
        complete: false,
        pools: [],
        error: message,
        issues: [{ file: file.path, message: reason }],
      };
    }
    try {
      const { pools, warnings } = parseExport(text, ctx);
      // Warnings are shown on the sources page; they do not make the read incomplete.
      return {
        scope,
        complete: true,
        pools,
        ...(warnings.length ? { issues: warnings } : {}),
      };
    } catch (error) {
      if (error instanceof ExportParseError) {
        return {
          scope,
          complete: false,
          pools: [],
          error: error.message,
          issues: error.issues.map(issue => ({ file: file.path, ...issue })),
        };
      }
      throw error;
    }
  }
}
