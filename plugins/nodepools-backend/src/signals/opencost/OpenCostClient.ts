import {
  RequestRunner,
  SourceResponseError,
  baseUrl,
  fetchJson,
  type RequestPolicy,
} from '../../sources/http';
import { asObject } from '../../sources/objects';

/** One node's costs over the window, as OpenCost's assets API reports them. */
export interface OpenCostNode {
  /** The node's name (`properties.name`). */
  name: string;
  /** OpenCost's id of the cluster (`properties.cluster`). */
  cluster?: string;
  /** The node's labels, as OpenCost keeps them (keys with `.`, `/` and `-` made `_`). */
  labels: Record<string, string>;
  /** Minutes the node ran within the window. */
  minutes: number;
  totalCost: number;
}

export interface OpenCostClientOptions {
  /** Where OpenCost's API answers, e.g. `http://opencost.opencost:9003` (`/assets` is added). */
  baseUrl: string;
  policy?: Partial<RequestPolicy>;
}

/**
 * Reads node costs from OpenCost: `GET {baseUrl}/assets?window=..&filterTypes=Node`,
 * through the sources' request stack (retries, timeout, error texts). The
 * whole answer is checked before anything is used: one malformed node
 * rejects the answer, so stored costs are never replaced by part of one.
 */
export class OpenCostClient {
  readonly baseUrl: string;
  readonly #runner: RequestRunner;

  constructor(options: OpenCostClientOptions) {
    this.baseUrl = baseUrl(options.baseUrl);
    this.#runner = new RequestRunner({ policy: options.policy });
  }

  async nodeCosts(window: string, signal?: AbortSignal): Promise<OpenCostNode[]> {
    const url = new URL(`${this.baseUrl}/assets`);
    url.searchParams.set('window', window);
    url.searchParams.set('filterTypes', 'Node');
    const operation = `GET ${url.pathname}?window=${window}`;
    const response = await this.#runner.run(
      operation,
      attemptSignal => fetchJson({ url: url.href, operation, signal: attemptSignal }),
      { signal },
    );
    return parseNodeAssets(response.body, operation);
  }
}

/**
 * The Node assets of an assets answer: `{ code: 200, data: [ { "<key>":
 * { type, properties: { cluster, name }, labels, minutes, totalCost } } ] }`,
 * one set per step of the window; a node in several sets is added up.
 */
export function parseNodeAssets(body: unknown, operation: string): OpenCostNode[] {
  const answer = asObject(body);
  if (!answer) throw new SourceResponseError(operation, 'the answer is not a JSON object');
  if (answer.code !== 200) {
    const message = typeof answer.message === 'string' ? `: ${answer.message}` : '';
    throw new SourceResponseError(operation, `'code' is ${JSON.stringify(answer.code)}, not 200${message}`);
  }
  if (!Array.isArray(answer.data)) {
    throw new SourceResponseError(operation, "'data' must be a list of asset sets");
  }
  const nodes = new Map<string, OpenCostNode>();
  answer.data.forEach((set, index) => {
    const assets = asObject(set);
    if (!assets) throw new SourceResponseError(operation, `data[${index}] must be an object of assets`);
    for (const [key, value] of Object.entries(assets)) {
      const node = nodeAsset(value, `data[${index}][${JSON.stringify(key)}]`, operation);
      if (!node) continue;
      const id = `${node.cluster ?? ''}\u0000${node.name}`;
      const seen = nodes.get(id);
      if (seen) {
        seen.minutes += node.minutes;
        seen.totalCost += node.totalCost;
      } else {
        nodes.set(id, node);
      }
    }
  });
  return [...nodes.values()];
}

function nodeAsset(value: unknown, at: string, operation: string): OpenCostNode | undefined {
  const asset = asObject(value);
  if (!asset) throw new SourceResponseError(operation, `${at} must be an object`);
  // The filter is a request; other asset types are skipped whatever the server did with it.
  if (asset.type !== 'Node') return undefined;
  const properties = asObject(asset.properties);
  const name = properties?.name;
  if (typeof name !== 'string' || !name) {
    throw new SourceResponseError(operation, `${at}.properties.name must be a non-empty string`);
  }
  const number = (field: 'minutes' | 'totalCost') => {
    const n = asset[field];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      throw new SourceResponseError(
        operation,
        `${at}.${field} must be a number of at least 0, got ${JSON.stringify(n)}`,
      );
    }
    return n;
  };
  const labels: Record<string, string> = {};
  for (const [key, label] of Object.entries(asObject(asset.labels) ?? {})) {
    if (typeof label === 'string') labels[key] = label;
  }
  const cluster = properties?.cluster;
  return {
    name,
    ...(typeof cluster === 'string' && cluster ? { cluster } : {}),
    labels,
    minutes: number('minutes'),
    totalCost: number('totalCost'),
  };
}
