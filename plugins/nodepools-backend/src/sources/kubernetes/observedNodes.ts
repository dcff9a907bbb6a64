import { CoreV1Api, VersionApi, type KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';
import type { ImportIssue } from '@nodepools/plugin-nodepools-common';
import type { ObservedPool } from '../types';
import { kubeRequest, runnerFor, type KubeRequestOptions } from './kubeRequest';
import { readNodeMetrics, type NodeUsage } from './nodeMetrics';
import { NodeRollUp } from './nodeRollUp';
import { listInPages } from './paging';
import type { ObservedNodeFacts } from './poolAccumulator';
import { DEFAULT_POOL_LABEL_KEYS } from './poolLabels';

/** An observed pool with what its nodes say about the pool's configuration. */
export interface ClusterObservedPool extends ObservedPool {
  facts: ObservedNodeFacts;
  /**
   * What the pool's nodes use now (`metrics.k8s.io`), when the cluster
   * serves node metrics. Kept out of `observed`: it changes on every read.
   */
  usage?: NodeUsage;
}

export interface ObservedPoolsResult {
  /** True only when every page of nodes and pods was read. */
  complete: boolean;
  /** Empty when not complete: a roll-up of part of the nodes would be wrong numbers. */
  pools: ClusterObservedPool[];
  error?: string;
  /** Nodes that carry none of the pool labels. */
  unpooledNodes: number;
  /** Values that could not be read (an unparsable quantity), each skipped. */
  issues: ImportIssue[];
  /** Why the pools carry no usage although it was asked for: the cluster serves no node metrics. */
  nodeMetricsAbsent?: string;
}

export interface ListingOptions extends KubeRequestOptions {
  /** Items per page (`limit`). */
  pageSize?: number;
}

export interface CollectObservedOptions extends ListingOptions {
  poolLabelKeys?: readonly string[];
  /** Pod labels counted per pool to tell which workloads run on it. */
  workloadLabelKeys?: readonly string[];
  /** Also read the nodes' usage from `metrics.k8s.io` (as `kubectl top nodes`). */
  nodeMetrics?: boolean;
  now?: () => Date;
}

export const DEFAULT_PAGE_SIZE = 500;
/** Pods that hold resources on their node: everything not finished. */
export const ACTIVE_PODS_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

/**
 * Lists a cluster's nodes and active pods page by page and rolls them up per
 * pool: each page is folded into per-pool accumulators and dropped, so memory
 * grows with the number of pools and nodes' names, not with the nodes.
 */
export async function collectObservedPools(
  kubeConfig: KubeConfig,
  cluster: string,
  options: CollectObservedOptions = {},
): Promise<ObservedPoolsResult> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const runner = runnerFor(options);
  const context = { signal: options.signal, redact: options.redact };
  const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const rollUp = new NodeRollUp(
    cluster,
    options.poolLabelKeys ?? DEFAULT_POOL_LABEL_KEYS,
    options.workloadLabelKeys,
  );

  try {
    await listInPages<V1Node>(
      runner,
      {
        description: 'GET /api/v1/nodes',
        fetchPage: async (continueToken, requestOptions) => {
          const list = await api.listNode({ limit, _continue: continueToken }, requestOptions);
          return { items: list.items, continueToken: list.metadata?._continue };
        },
        onPage: nodes => rollUp.addNodes(nodes),
        onRestart: () => rollUp.restartNodes(),
      },
      context,
    );

    await listInPages<V1Pod>(
      runner,
      {
        description: 'GET /api/v1/pods',
        fetchPage: async (continueToken, requestOptions) => {
          const list = await api.listPodForAllNamespaces(
            { limit, _continue: continueToken, fieldSelector: ACTIVE_PODS_FIELD_SELECTOR },
            requestOptions,
          );
          return { items: list.items, continueToken: list.metadata?._continue };
        },
        onPage: pods => rollUp.addPods(pods),
        onRestart: () => rollUp.restartPods(),
      },
      context,
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      complete: false,
      pools: [],
      error: (error as Error).message,
      unpooledNodes: rollUp.unpooledNodes,
      issues: rollUp.issues,
    };
  }

  const controlPlaneVersion = await readControlPlaneVersion(kubeConfig, runner, context, rollUp);
  const nodeMetricsAbsent = options.nodeMetrics
    ? await addNodeUsage(kubeConfig, runner, context, rollUp)
    : undefined;
  const observedAt = (options.now?.() ?? new Date()).toISOString();
  return {
    complete: true,
    pools: rollUp.rolledUp(observedAt, controlPlaneVersion),
    unpooledNodes: rollUp.unpooledNodes,
    issues: rollUp.issues,
    ...(nodeMetricsAbsent ? { nodeMetricsAbsent } : {}),
  };
}

/**
 * Folds the nodes' usage into the roll-up. Usage is an extra: a cluster
 * without metrics-server says why (returned), and a failed read is an issue
 * of the listing, never a failure of it.
 */
async function addNodeUsage(
  kubeConfig: KubeConfig,
  runner: ReturnType<typeof runnerFor>,
  context: { signal?: AbortSignal; redact?: (message: string) => string },
  rollUp: NodeRollUp,
): Promise<string | undefined> {
  try {
    const reading = await readNodeMetrics(kubeConfig, runner, context);
    if (!reading.served) return reading.reason;
    rollUp.addNodeUsage(reading.nodes);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    rollUp.noteIssue('metrics', `node usage could not be read: ${(error as Error).message}`, 'warning');
  }
  return undefined;
}

/**
 * The control plane's version from the cluster's `/version`, for the
 * kubelet skew of its nodes. A cluster that does not say is no failure of
 * the node listing: its roll-ups go without it, with an issue saying why.
 */
async function readControlPlaneVersion(
  kubeConfig: KubeConfig,
  runner: ReturnType<typeof runnerFor>,
  context: { signal?: AbortSignal; redact?: (message: string) => string },
  rollUp: NodeRollUp,
): Promise<string | undefined> {
  const api = kubeConfig.makeApiClient(VersionApi);
  try {
    const info = await kubeRequest(runner, 'GET /version', requestOptions => api.getCode(requestOptions), context);
    return typeof info.gitVersion === 'string' && info.gitVersion ? info.gitVersion : undefined;
  } catch (error) {
    if (context.signal?.aborted) throw error;
    rollUp.noteIssue('version', `the control plane version could not be read: ${(error as Error).message}`, 'warning');
    return undefined;
  }
}
