import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import {
  SourceHttpError,
  SourceRequestError,
  SourceResponseError,
  classifySdkError,
  type ErrorClassifier,
  type RequestRunner,
} from '../http';
import { withSignal } from './kubeRequest';
import { parseQuantity } from './resources';

/** Cores and bytes in use now, as `kubectl top nodes` shows them. */
export interface NodeUsage {
  cpu: number;
  memory: number;
}

export interface NodeMetric extends NodeUsage {
  name: string;
}

/**
 * What the cluster's resource metrics API answered: the nodes' usage, or
 * that the cluster serves none (no metrics-server, or one not answering).
 */
export type NodeMetricsReading =
  | { served: true; nodes: NodeMetric[] }
  | { served: false; reason: string };

export const NODE_METRICS_OPERATION = 'GET /apis/metrics.k8s.io/v1beta1/nodes';

/**
 * 404 (no `v1beta1.metrics.k8s.io` APIService) and 503 (registered, but
 * metrics-server is not answering) mean the cluster has no metrics to give:
 * not worth a retry, and no failure of anything.
 */
const ABSENT_STATUSES = new Set([404, 503]);

class MetricsAbsentError extends SourceRequestError {
  constructor(operation: string, readonly reason: string) {
    super(operation, reason, { retryable: false });
    this.name = 'MetricsAbsentError';
  }
}

const classifyMetricsError: ErrorClassifier = (error, operation, redact) => {
  const classified = classifySdkError(error, operation, redact);
  if (classified instanceof SourceHttpError && ABSENT_STATUSES.has(classified.status)) {
    return new MetricsAbsentError(operation, classified.message);
  }
  return classified;
};

/**
 * Reads the nodes' `metrics.k8s.io/v1beta1` NodeMetrics: one unpaged list,
 * as metrics-server answers from memory. Throws on any failure other than
 * the API being absent, and on an answer that is not a NodeMetricsList.
 */
export async function readNodeMetrics(
  kubeConfig: KubeConfig,
  runner: RequestRunner,
  context: { signal?: AbortSignal; redact?: (message: string) => string },
): Promise<NodeMetricsReading> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  let list: unknown;
  try {
    list = await runner.run(
      NODE_METRICS_OPERATION,
      signal =>
        api.listClusterCustomObject(
          { group: 'metrics.k8s.io', version: 'v1beta1', plural: 'nodes' },
          withSignal(signal),
        ),
      { signal: context.signal, redact: context.redact, classify: classifyMetricsError },
    );
  } catch (error) {
    if (error instanceof MetricsAbsentError) return { served: false, reason: error.reason };
    throw error;
  }
  return { served: true, nodes: parseNodeMetrics(list) };
}

/** Each item's name and usage; an item without either makes the whole answer unusable. */
export function parseNodeMetrics(list: unknown): NodeMetric[] {
  const items = (list as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) {
    throw new SourceResponseError(NODE_METRICS_OPERATION, "the answer is not a list (no 'items' array)");
  }
  return items.map((item, index) => {
    const { metadata, usage } = (item ?? {}) as {
      metadata?: { name?: unknown };
      usage?: Record<string, unknown>;
    };
    const at = `items[${index}]`;
    if (typeof metadata?.name !== 'string' || !metadata.name) {
      throw new SourceResponseError(NODE_METRICS_OPERATION, `${at}.metadata.name is missing`);
    }
    return {
      name: metadata.name,
      cpu: quantityAt(usage?.cpu, `${at}.usage.cpu`),
      memory: quantityAt(usage?.memory, `${at}.usage.memory`),
    };
  });
}

function quantityAt(value: unknown, field: string): number {
  if (typeof value !== 'string') {
    throw new SourceResponseError(NODE_METRICS_OPERATION, `${field} is missing`);
  }
  try {
    return parseQuantity(value);
  } catch (error) {
    throw new SourceResponseError(NODE_METRICS_OPERATION, `${field}: ${(error as Error).message}`);
  }
}
