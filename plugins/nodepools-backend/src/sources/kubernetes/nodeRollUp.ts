import type { V1Node, V1Pod } from '@kubernetes/client-node';
import {
  DEFAULT_WORKLOAD_LABEL_KEYS,
  type ImportIssue,
} from '@nodepools/plugin-nodepools-common';
import type { NodeMetric, NodeUsage } from './nodeMetrics';
import type { ClusterObservedPool } from './observedNodes';
import { PoolAccumulator } from './poolAccumulator';
import { poolOfNode } from './poolLabels';
import { podRequests, roundToNano, type QuantityProblem } from './resources';
import { WorkloadTally } from './workloadTally';

const MAX_ISSUES = 50;
/** Pods that no longer hold resources on their node. */
const FINISHED_PHASES = new Set(['Succeeded', 'Failed']);

/**
 * Rolls a cluster's nodes, then its pods, up per pool: each node joins the
 * pool its labels name, each active pod adds its requests to its node's
 * pool. Fed page by page from a live cluster, or whole from kubectl output
 * saved to a file; both give the same roll-up.
 */
export class NodeRollUp {
  private pools = new Map<string, PoolAccumulator>();
  private poolOfNodeName = new Map<string, PoolAccumulator>();
  private workloads = new Map<PoolAccumulator, WorkloadTally>();
  /** Usage of each pool's nodes, once the cluster's node metrics were read. */
  private usage?: Map<PoolAccumulator, NodeUsage>;
  private nodeIndex = 0;
  private podIndex = 0;
  /** Nodes that carry none of the pool labels. */
  unpooledNodes = 0;
  /** Values that could not be read (an unparsable quantity), each skipped. */
  readonly issues: ImportIssue[] = [];

  constructor(
    private readonly cluster: string,
    private readonly poolLabelKeys: readonly string[],
    /** Pod labels that say which workload a pod belongs to, counted per pool. */
    private readonly workloadLabelKeys: readonly string[] = DEFAULT_WORKLOAD_LABEL_KEYS,
  ) {}

  addNodes(nodes: V1Node[]): void {
    for (const node of nodes) {
      const index = this.nodeIndex++;
      const name = node.metadata?.name ?? '';
      const owner = poolOfNode(node.metadata?.labels, this.poolLabelKeys);
      if (!owner) {
        this.unpooledNodes += 1;
        continue;
      }
      const key = `${owner.poolLabel}\u0000${owner.pool}`;
      let pool = this.pools.get(key);
      if (!pool) {
        pool = new PoolAccumulator(owner.pool, owner.poolLabel);
        this.pools.set(key, pool);
        this.workloads.set(pool, new WorkloadTally(this.workloadLabelKeys));
      }
      const problems: QuantityProblem[] = [];
      pool.addNode(node, problems);
      this.report(`node '${name}'`, index, problems);
      this.poolOfNodeName.set(name, pool);
    }
  }

  /** Pods bound to a known node and not finished (a live listing asks the API server for those only). */
  addPods(pods: V1Pod[]): void {
    for (const pod of pods) {
      const index = this.podIndex++;
      if (FINISHED_PHASES.has(pod.status?.phase ?? '')) continue;
      const pool = pod.spec?.nodeName ? this.poolOfNodeName.get(pod.spec.nodeName) : undefined;
      if (!pool || !pod.spec) continue;
      const problems: QuantityProblem[] = [];
      pool.addPodRequests({ ...podRequests(pod.spec, problems), pods: 1 });
      this.workloads.get(pool)?.addPod(pod.metadata?.namespace ?? 'default', pod.metadata?.labels);
      this.report(`pod '${pod.metadata?.namespace}/${pod.metadata?.name}'`, index, problems);
    }
  }

  /**
   * Sums each node's usage (`metrics.k8s.io`) into its pool, by the node
   * names the node listing mapped; nodes not listed are left out. A pool
   * none of whose nodes has metrics yet (all just started) gets no usage:
   * unknown, not zero.
   */
  addNodeUsage(metrics: NodeMetric[]): void {
    this.usage = new Map();
    for (const metric of metrics) {
      const pool = this.poolOfNodeName.get(metric.name);
      if (!pool) continue;
      const usage = this.usage.get(pool) ?? { cpu: 0, memory: 0 };
      usage.cpu = roundToNano(usage.cpu + metric.cpu);
      usage.memory = roundToNano(usage.memory + metric.memory);
      this.usage.set(pool, usage);
    }
  }

  /** Forgets the nodes (and so the pods) read so far: the node listing starts over. */
  restartNodes(): void {
    this.pools = new Map();
    this.poolOfNodeName = new Map();
    this.workloads = new Map();
    this.usage = undefined;
    this.unpooledNodes = 0;
    this.nodeIndex = 0;
    this.issues.length = 0;
  }

  /** Forgets the pods read so far: the pod listing starts over. */
  restartPods(): void {
    for (const pool of this.pools.values()) pool.resetPodRequests();
    for (const tally of this.workloads.values()) tally.reset();
    this.podIndex = 0;
  }

  /** The roll-up of each pool; `controlPlaneVersion` is the cluster's `/version`, when read. */
  rolledUp(observedAt: string, controlPlaneVersion?: string): ClusterObservedPool[] {
    return [...this.pools.values()].map(pool => {
      const usage = this.usage?.get(pool);
      return {
        cluster: this.cluster,
        pool: pool.pool,
        poolLabel: pool.poolLabel,
        observed: pool.observed(observedAt, controlPlaneVersion),
        facts: pool.facts(),
        workloads: this.workloads.get(pool)!.result(),
        ...(usage ? { usage: { ...usage } } : {}),
      };
    });
  }

  /** A problem with the cluster as a whole, not with one node or pod. */
  noteIssue(field: string, message: string, severity?: 'warning'): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ file: this.cluster, field, message, ...(severity ? { severity } : {}) });
  }

  private report(what: string, index: number, problems: QuantityProblem[]): void {
    for (const problem of problems) {
      if (this.issues.length >= MAX_ISSUES) return;
      this.issues.push({
        file: this.cluster,
        index,
        field: problem.field,
        message: `${what}: ${problem.message}`,
      });
    }
  }
}
