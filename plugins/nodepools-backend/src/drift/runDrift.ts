import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  clusterRef,
  compareDrift,
  type ControlPlaneVersion,
  type DesiredCluster,
  type DesiredPool,
  type DriftFinding,
  type DriftOptions,
  type NodePool,
} from '@nodepools/plugin-nodepools-common';
import type { DriftStore, FindingInput, FindingsSummary, StoredDesiredScope } from '../store/DriftStore';

/** What one comparison did, for the log and the benchmark. */
export interface DriftRunSummary extends FindingsSummary {
  desiredPools: number;
  actualPools: number;
  findings: number;
  /** Milliseconds spent reading, comparing and writing. */
  readMs: number;
  compareMs: number;
  writeMs: number;
}

const scopeKey = (source: string, scope: string) => `${source}\u0000${scope}`;
const originKey = (location: string, address: string) => `${location}\u0000${address}`;

/**
 * The control plane of each cluster whose nodes were read: the version
 * its `/version` reported, carried on the roll-ups of its pools.
 */
export function controlPlanesOf(pools: readonly NodePool[]): ControlPlaneVersion[] {
  const byCluster = new Map<string, ControlPlaneVersion>();
  for (const pool of pools) {
    const version = pool.observed?.controlPlaneVersion;
    if (!version) continue;
    const plane: ControlPlaneVersion = {
      provider: pool.provider,
      ...(pool.account ? { account: pool.account } : {}),
      ...(pool.region ? { region: pool.region } : {}),
      cluster: pool.cluster,
      version,
      source: `the /version of cluster ${pool.cluster}`,
    };
    byCluster.set(clusterRef({ provider: pool.provider, account: pool.account, region: pool.region, cluster: pool.cluster }), plane);
  }
  return [...byCluster.values()];
}

/** Where each declared pool came from, by the origin its findings carry. */
function declarationIndex(scopes: readonly StoredDesiredScope[]) {
  const desired: DesiredPool[] = [];
  const clusters: DesiredCluster[] = [];
  const scopeOf = new Map<string, { source: string; scope: string }>();
  const staleScopes = new Set<string>();
  for (const stored of scopes) {
    if (stored.error) staleScopes.add(scopeKey(stored.source, stored.scope));
    for (const pool of stored.pools) {
      desired.push(pool);
      scopeOf.set(originKey(pool.source, pool.address), { source: stored.source, scope: stored.scope });
    }
    clusters.push(...stored.clusters);
  }
  return { desired, clusters, scopeOf, staleScopes };
}

/**
 * The drift stage: compares every stored declaration with every live pool
 * and its nodes, and stores what changed. A finding whose pool's source or
 * declaration's source failed is kept as it was (stale), never resolved.
 */
export async function runDrift(options: {
  store: DriftStore;
  logger?: LoggerService;
  compare?: Pick<DriftOptions, 'ownerTagKeys' | 'scope' | 'semantics'>;
  now?: () => Date;
}): Promise<DriftRunSummary> {
  const now = options.now ?? (() => new Date());
  const readStart = performance.now();
  const [scopes, inventory] = await Promise.all([options.store.loadDesired(), options.store.loadInventory()]);
  const readMs = performance.now() - readStart;

  const compareStart = performance.now();
  const { desired, clusters, scopeOf, staleScopes } = declarationIndex(scopes);
  const poolByRef = new Map(inventory.map(p => [p.ref, p]));
  const declaredByRef = new Map(desired.map(p => [p.ref, p]));
  const report = compareDrift(
    { desired, actual: inventory, clusters, controlPlanes: controlPlanesOf(inventory) },
    options.compare,
  );
  const findings = report.findings.map((finding: DriftFinding): FindingInput => {
    const pool = poolByRef.get(finding.ref);
    const identity = pool ?? declaredByRef.get(finding.ref);
    const origin = finding.origin && scopeOf.get(originKey(finding.origin.source, finding.origin.address));
    return {
      finding,
      clusterRef: clusterRef({ provider: finding.provider, account: identity?.account, region: identity?.region, cluster: finding.cluster }),
      ...(pool?.owner ? { owner: pool.owner } : {}),
      ...(pool ? { poolSource: pool.source, poolScope: pool.scope } : {}),
      ...(origin ? { desiredSource: origin.source, desiredScope: origin.scope } : {}),
    };
  });
  const compareMs = performance.now() - compareStart;

  const writeStart = performance.now();
  const at = now();
  const applied = await options.store.applyFindings({
    at: at.toISOString(),
    findings,
    isStale: row =>
      Boolean(poolByRef.get(row.ref)?.stale) ||
      Boolean(row.desiredSource && row.desiredScope && staleScopes.has(scopeKey(row.desiredSource, row.desiredScope))),
  });
  applied.rowsWritten += await options.store.recordDay(at);
  const writeMs = performance.now() - writeStart;

  for (const note of report.notes) options.logger?.info(`Drift: ${note}`);
  options.logger?.info(
    `Drift compared ${desired.length} declared pools with ${inventory.length} pools: ${findings.length} findings; ` +
      `${applied.created} new, ${applied.changed} changed, ${applied.reopened} re-opened, ${applied.resolved} resolved, ` +
      `${applied.keptStale} kept as stale, ${applied.rowsWritten} rows written`,
  );
  return {
    ...applied,
    desiredPools: desired.length,
    actualPools: inventory.length,
    findings: findings.length,
    readMs,
    compareMs,
    writeMs,
  };
}
