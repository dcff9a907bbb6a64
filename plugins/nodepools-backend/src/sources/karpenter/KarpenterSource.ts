import type { Config } from '@backstage/config';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  ItemFieldError,
  ItemFieldErrors,
  parseKarpenterNodePool,
  type ExportContext,
  type ImportIssue,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import type { PoolSource, ScopeListing } from '../types';
import { ClusterPoolSource, readClusterSourceOptions } from '../kubernetes/ClusterPoolSource';
import { ClusterConnector, mapWithConcurrency } from '../kubernetes/clusterConnector';
import { describeClusters } from '../kubernetes/KubernetesNodesSource';
import type { ListingOptions } from '../kubernetes/observedNodes';
import {
  countNodeClaimsByPool,
  listKarpenterNodePools,
  type KubernetesObject,
} from './listKarpenter';

export const KARPENTER_SCOPE_PREFIX = 'karpenter/';

function withoutManagedFields(item: KubernetesObject): KubernetesObject {
  if (!item.metadata?.managedFields) return item;
  // Server-side-apply bookkeeping: large, and it changes on every write.
  const { managedFields: _managedFields, ...metadata } = item.metadata;
  return { ...item, metadata };
}

function parseNodePool(
  item: KubernetesObject,
  index: number,
  ctx: ExportContext,
  issues: ImportIssue[],
): PoolSpec | undefined {
  try {
    return parseKarpenterNodePool(withoutManagedFields(item), ctx);
  } catch (error) {
    if (!(error instanceof ItemFieldError)) throw error;
    const problems = error instanceof ItemFieldErrors ? error.problems : [error];
    for (const problem of problems) {
      issues.push({
        file: ctx.file,
        index,
        ...(problem.field ? { field: problem.field } : {}),
        message: problem.message,
      });
    }
    return undefined;
  }
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
    return { scope, complete: false, pools: [], error: (error as Error).message };
  }
  if (!listing.installed) return { scope, complete: true, pools: [] };

  const issues: ImportIssue[] = [];
  const ctx: ExportContext = { file: scope, ...identity };
  const pools = listing.items
    .map((item, index) => parseNodePool(item, index, ctx, issues))
    .filter((pool): pool is PoolSpec => pool !== undefined);

  if (pools.some(pool => pool.nodeCount === undefined)) {
    try {
      const counts = await countNodeClaimsByPool(kubeConfig, listing.version, options);
      for (const pool of pools) {
        pool.nodeCount ??= counts.get(pool.name) ?? 0;
      }
    } catch (error) {
      // The pools themselves were read in full: only their node counts stay unknown.
      issues.push({ file: scope, message: `node counts unknown: ${(error as Error).message}` });
    }
  }

  const unreadable = new Set(
    issues.filter(issue => issue.index !== undefined).map(issue => issue.index),
  ).size;
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
    options: { id?: string; connector?: ClusterConnector } = {},
  ): KarpenterSource {
    return new KarpenterSource(readClusterSourceOptions(config, options, 'karpenter'));
  }

  get target(): string {
    return `NodePools of ${describeClusters(this.clusters)}`;
  }

  list(options: { signal?: AbortSignal }): Promise<ScopeListing[]> {
    return mapWithConcurrency(this.clusters, this.settings.concurrency, async cluster => {
      const scope = `${KARPENTER_SCOPE_PREFIX}${cluster.name}`;
      let connection;
      try {
        connection = await this.connector.connect(cluster);
      } catch (error) {
        return { scope, complete: false, pools: [], error: (error as Error).message };
      }
      const listing = await listKarpenterScope(
        connection.kubeConfig,
        scope,
        cluster.poolIdentity(),
        {
          signal: options.signal,
          pageSize: this.settings.pageSize,
          policy: this.settings.policy,
          redact: connection.redact,
        },
      );
      return listing.error
        ? { ...listing, error: `cluster '${cluster.name}': ${listing.error}` }
        : listing;
    });
  }
}
