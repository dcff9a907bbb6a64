import type { NodePool } from '../model/pool';

/**
 * Pod labels that say which workload a pod belongs to, recorded per pool
 * by the node roll-ups: Backstage's own `backstage.io/kubernetes-id`, then
 * the Kubernetes recommended and the common short label.
 */
export const DEFAULT_WORKLOAD_LABEL_KEYS: readonly string[] = [
  'backstage.io/kubernetes-id',
  'app.kubernetes.io/name',
  'app',
];

/**
 * Workloads kept per pool, the largest first; the pods of the others are
 * counted in `otherPods`. Bounds what one pool stores however many
 * workloads share it.
 */
export const MAX_WORKLOADS_PER_POOL = 200;

/**
 * The running pods of one pool that share a namespace and the same values
 * of the recorded workload labels (a label a pod lacks is absent).
 */
export interface PoolWorkload {
  namespace: string;
  labels: Record<string, string>;
  pods: number;
}

/** Which workloads run on one pool. */
export interface PoolWorkloads {
  /** Largest first, at most `MAX_WORKLOADS_PER_POOL`. */
  workloads: PoolWorkload[];
  /** Pods of the workloads left out of `workloads`. */
  otherPods: number;
}

/**
 * `GET /workloads/pools`: the workload of a catalog entity, as Backstage's
 * Kubernetes plugin finds it. `labelSelector` wins over `kubernetesId`,
 * which means the selector `backstage.io/kubernetes-id=<id>`.
 */
export interface WorkloadPoolsQuery {
  kubernetesId?: string;
  labelSelector?: string;
  /** Only pods of this namespace. */
  namespace?: string;
}

/** One pool the workload's pods run on. */
export interface WorkloadPool {
  pool: NodePool;
  /** The workload's running pods on the pool. */
  pods: number;
  /** The same pods by namespace, most first. */
  namespaces: Array<{ namespace: string; pods: number }>;
}

export interface WorkloadPoolsResponse {
  /** The label selector that was matched. */
  selector: string;
  namespace?: string;
  /** Most pods first. */
  items: WorkloadPool[];
}
