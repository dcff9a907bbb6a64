import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';
import {
  clusterRef,
  PROVIDERS,
  SELF_MANAGED_PROVIDER,
  type ClusterIdentity,
  type Provider,
} from '@nodepools/plugin-nodepools-common';

/** One entry of `nodepools.triage.files`: a cluster's saved kubectl output. */
export interface SnapshotFiles {
  cluster: ClusterIdentity;
  pods: string;
  nodes: string;
  events?: string;
}

const FILES_KEY = 'nodepools.triage.files';

/** The cluster of a saved snapshot: its name, and its provider, account and region when given. */
function snapshotCluster(entry: Config, where: string): ClusterIdentity {
  const provider = entry.getOptionalString('provider') ?? SELF_MANAGED_PROVIDER;
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new Error(`${where}.provider: '${provider}' is not one of ${PROVIDERS.join(', ')}`);
  }
  const cluster = entry.getString('cluster');
  if (cluster.includes('/')) {
    throw new Error(`${where}.cluster: '${cluster}' is a cluster name, without '/'`);
  }
  const identity: ClusterIdentity = { provider: provider as Provider, cluster };
  const account = entry.getOptionalString('account');
  const region = entry.getOptionalString('region');
  if (account) identity.account = account;
  if (region) identity.region = region;
  return identity;
}

/** Reads `nodepools.triage.files`; two entries of one cluster ref are refused. */
export function readSnapshotFiles(config: Config): SnapshotFiles[] {
  const seen = new Set<string>();
  return (config.getOptionalConfigArray(FILES_KEY) ?? []).map((entry, index) => {
    const where = `${FILES_KEY}[${index}]`;
    const cluster = snapshotCluster(entry, where);
    const ref = clusterRef(cluster);
    if (seen.has(ref)) {
      throw new Error(`${where}: cluster ${ref} has an earlier entry; give each a distinct provider, account or region`);
    }
    seen.add(ref);
    const events = entry.getOptionalString('events');
    return {
      cluster,
      pods: entry.getString('pods'),
      nodes: entry.getString('nodes'),
      ...(events ? { events } : {}),
    };
  });
}

/**
 * A path as the person who configured it knows it: relative to the app's
 * root, where relative config paths are resolved, and never an absolute
 * path of the backend's machine inside it.
 */
export function configRelativePath(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, path.resolve(baseDir, file));
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EISDIR: 'a directory, not a file',
  ENOTDIR: 'a parent of it is not a directory',
};

/**
 * One saved kubectl JSON file, and when it was written. Errors name the
 * file (`pods file triage/pods.json: file not found`) without the
 * operating system's message, which would carry the absolute path.
 */
export async function readSnapshotJson(
  baseDir: string,
  file: string,
  field: string,
): Promise<{ json: unknown; modifiedAt: Date }> {
  const shown = configRelativePath(baseDir, file);
  const resolved = path.resolve(baseDir, file);
  let text: string;
  let modifiedAt: Date;
  try {
    [text, modifiedAt] = await Promise.all([
      fs.readFile(resolved, 'utf8'),
      fs.stat(resolved).then(stat => stat.mtime),
    ]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new Error(`${field} file ${shown}: ${FILE_ERRORS[code] ?? `cannot be read (${code || 'unknown error'})`}`);
  }
  try {
    return { json: JSON.parse(text), modifiedAt };
  } catch (error) {
    throw new Error(`${field} file ${shown}: not valid JSON (${(error as Error).message})`);
  }
}
