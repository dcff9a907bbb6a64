import { CoreV1Api, type KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';
import type { ImportIssue } from '@nodepools/plugin-nodepools-common';
import type { ObservedPool } from '../types';
import { runnerFor, type KubeRequestOptions } from './kubeRequest';
import { listInPages } from './paging';
import { PoolAccumulator, type ObservedNodeFacts } from './poolAccumulator';
import { DEFAULT_POOL_LABEL_KEYS, poolOfNode } from './poolLabels';
import { podRequests, type QuantityProblem } from './resources';

/** An observed pool with what its nodes say about the pool's configuration. */
export interface ClusterObservedPool extends ObservedPool {
  facts: ObservedNodeFacts;
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
}

export interface ListingOptions extends KubeRequestOptions {
  /** Items per page (`limit`). */
  pageSize?: number;
}

export interface CollectObservedOptions extends ListingOptions {
  poolLabelKeys?: readonly string[];
  now?: () => Date;
}

export const DEFAULT_PAGE_SIZE = 500;
/** Pods that hold resources on their node: everything not finished. */
export const ACTIVE_PODS_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';
const MAX_ISSUES = 50;

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
  const keys = options.poolLabelKeys ?? DEFAULT_POOL_LABEL_KEYS;
  const issues: ImportIssue[] = [];
  const report = (what: string, index: number, problems: QuantityProblem[]) => {
    for (const problem of problems) {
      if (issues.length >= MAX_ISSUES) return;
      issues.push({
        file: cluster,
        index,
        field: problem.field,
        message: `${what}: ${problem.message}`,
      });
    }
  };

  let pools = new Map<string, PoolAccumulator>();
  let poolOfNodeName = new Map<string, PoolAccumulator>();
  let unpooledNodes = 0;
  let nodeIndex = 0;
  let podIndex = 0;

  try {
    await listInPages<V1Node>(
      runner,
      {
        description: 'GET /api/v1/nodes',
        fetchPage: async (continueToken, requestOptions) => {
          const list = await api.listNode({ limit, _continue: continueToken }, requestOptions);
          return { items: list.items, continueToken: list.metadata?._continue };
        },
        onPage: nodes => {
          for (const node of nodes) {
            const index = nodeIndex++;
            const name = node.metadata?.name ?? '';
            const owner = poolOfNode(node.metadata?.labels, keys);
            if (!owner) {
              unpooledNodes += 1;
              continue;
            }
            const key = `${owner.poolLabel}\u0000${owner.pool}`;
            let pool = pools.get(key);
            if (!pool) {
              pool = new PoolAccumulator(owner.pool, owner.poolLabel);
              pools.set(key, pool);
            }
            const problems: QuantityProblem[] = [];
            pool.addNode(node, problems);
            report(`node '${name}'`, index, problems);
            poolOfNodeName.set(name, pool);
          }
        },
        onRestart: () => {
          pools = new Map();
          poolOfNodeName = new Map();
          unpooledNodes = 0;
          nodeIndex = 0;
          issues.length = 0;
        },
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
        onPage: pods => {
          for (const pod of pods) {
            const index = podIndex++;
            const pool = pod.spec?.nodeName
              ? poolOfNodeName.get(pod.spec.nodeName)
              : undefined;
            if (!pool || !pod.spec) continue;
            const problems: QuantityProblem[] = [];
            pool.addPodRequests({ ...podRequests(pod.spec, problems), pods: 1 });
            report(
              `pod '${pod.metadata?.namespace}/${pod.metadata?.name}'`,
              index,
              problems,
            );
          }
        },
        onRestart: () => {
          for (const pool of pools.values()) pool.resetPodRequests();
          podIndex = 0;
        },
      },
      context,
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      complete: false,
      pools: [],
      error: (error as Error).message,
      unpooledNodes,
      issues,
    };
  }

  const observedAt = (options.now?.() ?? new Date()).toISOString();
  return {
    complete: true,
    pools: [...pools.values()].map(pool => ({
      cluster,
      pool: pool.pool,
      poolLabel: pool.poolLabel,
      observed: pool.observed(observedAt),
      facts: pool.facts(),
    })),
    unpooledNodes,
    issues,
  };
}
