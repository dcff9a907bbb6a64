import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DesiredSync, DesiredSyncSummary, DriftStore } from '../store/DriftStore';
import type { DesiredStateSource } from './types';

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs one desired-state source and stores what it declares. The source
 * gets the version of each scope's last complete read, so unchanged states
 * are neither downloaded nor parsed. A source that throws is recorded as
 * failed: every scope it had keeps its declaration, marked stale.
 */
export async function syncDesiredSource(options: {
  source: DesiredStateSource;
  store: Pick<DriftStore, 'desiredVersions' | 'applyDesired'>;
  logger: LoggerService;
  signal?: AbortSignal;
  now?: () => Date;
}): Promise<DesiredSyncSummary> {
  const { source, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  let outcome: DesiredSync['outcome'];
  try {
    const versions = await store.desiredVersions(source.id);
    outcome = { listings: await source.list({ signal: options.signal, versions }) };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    outcome = { error: errorMessage(error) };
  }
  const summary = await store.applyDesired({
    source: { id: source.id, kind: source.kind, target: source.target },
    startedAt,
    finishedAt: now().toISOString(),
    outcome,
  });
  if ('error' in outcome) {
    logger.warn(`Desired-state source ${source.id} failed: ${outcome.error}; its declarations are kept and their findings marked stale`);
  } else {
    const failed = outcome.listings.filter(l => !l.complete);
    for (const listing of failed) logger.warn(`Desired-state source ${source.id}: ${listing.error ?? `${listing.location}: incomplete`}`);
    const unchanged = outcome.listings.filter(l => l.unchanged).length;
    const pools = outcome.listings.reduce((n, l) => n + l.pools.length, 0);
    logger.info(
      `Desired-state source ${source.id} read: ${outcome.listings.length} scopes, ${unchanged} unchanged, ${failed.length} failed, ` +
        `${pools} pools read, ${summary.rowsWritten} rows written${summary.changed ? '; the comparison runs again' : ''}`,
    );
  }
  return summary;
}
