import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';
import { readDesiredEntry } from '../config';
import {
  contentVersion,
  failedListing,
  listingFromText,
  unchangedListing,
  type DesiredEntry,
} from '../listing';
import type { DesiredStateListing, DesiredStateSource } from '../types';

/** A desired-state file and what it cannot say about itself. */
export interface DesiredFile extends DesiredEntry {
  path: string;
}

/** Reads `nodepools.desired.files`. */
export function readDesiredFiles(config: Config): DesiredFile[] {
  return (config.getOptionalConfigArray('nodepools.desired.files') ?? []).map(file => ({
    path: file.getString('path'),
    ...readDesiredEntry(file),
  }));
}

/**
 * Terraform states (format 4), `terraform show -json` output, eksctl
 * configs and NodePool manifests on disk. Each file is one scope; a file
 * whose content hash is that of its last complete read is not parsed again.
 */
export class FileDesiredSource implements DesiredStateSource {
  readonly id = 'desired-files';
  readonly kind = 'files';
  readonly target: string;

  constructor(
    private readonly files: DesiredFile[],
    /** Directory relative paths are resolved against: the app's root. */
    private readonly baseDir: string,
  ) {
    this.target = `${files.length} file${files.length === 1 ? '' : 's'}`;
  }

  async list(options: { versions: ReadonlyMap<string, string> }): Promise<DesiredStateListing[]> {
    return Promise.all(this.files.map(file => this.read(file, options.versions)));
  }

  private async read(file: DesiredFile, versions: ReadonlyMap<string, string>): Promise<DesiredStateListing> {
    const place = { scope: `file:${file.path}`, location: file.path };
    let text: string;
    try {
      text = await fs.readFile(path.resolve(this.baseDir, file.path), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return failedListing(place, `cannot be read${code ? ` (${code})` : ''}`);
    }
    const version = contentVersion(text);
    if (versions.get(place.scope) === version) return unchangedListing(place, version);
    const { path: _path, ...entry } = file;
    return listingFromText(text, place, entry, version);
  }
}
