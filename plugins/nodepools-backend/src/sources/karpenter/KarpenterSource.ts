import type { Config } from '@backstage/config';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  parseKarpenterNodePool,
  type ExportContext,
  type ImportIssue,
} from '@nodepools/plugin-nodepools-common';
import { parseRecords } from '../http';
import type { PoolSource, ScopeListing, SourceListOptions } from '../types';
import {
  ClusterPoolSource,
  readClusterSourceOptions,
  type ClusterSourceConfigOptions,
} from '../kubernetes/ClusterPoolSource';
import { withoutKeys } from '../objects';
import { describeClusters } from '../kubernetes/KubernetesNodesSource';
import type { ListingOptions } from '../kubernetes/observedNodes';
import {
  countNodeClaimsByPool,
  listKarpenterNodePools,
  type KubernetesObject,
} from './listKarpenter';

export const KARPENTER_SCOPE_PREFIX = 'karpenter/';

function withoutManagedFields(item: KubernetesObject): KubernetesObject {
  // Server-side-apply bookkeeping: large, and it changes on every write.
  return item.metadata
    ? { ...item, metadata: withoutKeys(item.metadata, ['managedFields']) }
    : item;
}

/**
 * Reads the NodePools of one cluster as pools. Exported for callers that
 * already hold a KubeConfig (the command line, tests).
 */
export async function listKarpenterScope(
  kubeConfig: KubeConfig,
  scope: string,
  identity: { cluster: string; account?: string; region?: string },
  options: ListingOptions,
): Promise<ScopeListing> {
  let listing;
  try {
    listing = await listKarpenterNodePools(kubeConfig, options);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { scope, complete: false, pools: [], error: (error as Error).message };
  }
  if (!listing.installed) return { scope, complete: true, pools: [] };

  const ctx: ExportContext = { file: scope, ...identity };
  const parsed = parseRecords(
    listing.items.map((item, index) => ({ index, item: withoutManagedFields(item) })),
    parseKarpenterNodePool,
    ctx,
  );
  const pools = parsed.parsed;
  const issues: ImportIssue[] = parsed.issues;

  if (pools.some(pool => pool.nodeCount === undefined)) {
    try {
      const counts = await countNodeClaimsByPool(kubeConfig, listing.version, options);
      for (const pool of pools) {
        pool.nodeCount ??= counts.get(pool.name) ?? 0;
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // The pools themselves were read in full: only their node counts stay unknown.
      issues.push({ file: scope, message: `node counts unknown: ${(error as Error).message}` });
    }
  }

  const unreadable = new Set(
    issues.filter(issue => issue.index !== undefined).map(issue => issue.index),
  ).size;
  issues.push(...parsed.warnings);
  return {
    scope,
    // A NodePool that could not be read is still there: nothing may be tombstoned.
    complete: unreadable === 0,
    pools,
    ...(unreadable
      ? {
          error: `${unreadable} NodePool${unreadable === 1 ? '' : 's'} of ${
            listing.items.length
          } could not be read`,
        }
      : {}),
    ...(issues.length ? { issues } : {}),
  };
}

/**
 * Karpenter and EKS Auto Mode NodePools of every configured cluster (kind
 * `karpenter`), one scope `karpenter/<cluster name>` per cluster. Auto
 * Mode's built-in `system` and `general-purpose` pools are NodePools too.
 */
export class KarpenterSource extends ClusterPoolSource implements PoolSource {
  readonly kind = 'karpenter';

  static fromConfig(
    config: Config,
    options: ClusterSourceConfigOptions = {},
  ): KarpenterSource {
    return new KarpenterSource(readClusterSourceOptions(config, options, 'karpenter'));
  }

  get target(): string {
    return `NodePools of ${describeClusters(this.clusters)}`;
  }

  list(options: SourceListOptions): Promise<ScopeListing[]> {
    const scopeOf = (name: string) => `${KARPENTER_SCOPE_PREFIX}${name}`;
    return this.forEachCluster(
      { ...options, scopeOf: cluster => scopeOf(cluster.name) },
      async (cluster, connection) => {
        const listing = await listKarpenterScope(
          connection.kubeConfig,
          scopeOf(cluster.name),
          cluster.poolIdentity(),
          {
            signal: options.signal,
            pageSize: this.settings.pageSize,
            runner: this.runner,
            redact: connection.redact,
          },
        );
        return listing.error
          ? { ...listing, error: `cluster '${cluster.name}': ${listing.error}` }
          : listing;
      },
      (cluster, error) => ({ scope: scopeOf(cluster.name), complete: false, pools: [], error }),
    );
  }
}
