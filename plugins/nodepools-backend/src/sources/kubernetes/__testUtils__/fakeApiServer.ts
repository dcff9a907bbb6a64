import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

/** A request as the fake API server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

/**
 * What to answer. `hang` never answers; `truncate` answers 200 with the first
 * half of the JSON body; `cut` closes the connection after the headers.
 */
export type FakeResponse =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; headers?: Record<string, string> }
  | { hang: true }
  | { truncate: unknown }
  | { cut: true };

export type FakeHandler = (request: RecordedRequest) => FakeResponse | undefined;

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  /** Requests to one path, in order. */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A local stand-in for a Kubernetes API server on 127.0.0.1. Unhandled paths
 * answer 404 with a Kubernetes Status, as a real server does.
 */
export async function startFakeApiServer(handler: FakeHandler): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
    };
    requests.push(recorded);
    const response = handler(recorded) ?? notFound(url.pathname);
    if ('hang' in response) return;
    if ('truncate' in response) {
      const body = JSON.stringify(response.truncate);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    if ('cut' in response) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      res.destroy();
      return;
    }
    const status = response.status ?? 200;
    const body = 'json' in response ? JSON.stringify(response.json) : response.text;
    res.writeHead(status, {
      'content-type': 'json' in response ? 'application/json' : 'text/plain',
      ...response.headers,
    });
    res.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: path => requests.filter(r => r.path === path),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function kubeStatus(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export function notFound(path: string): FakeResponse {
  return { status: 404, json: kubeStatus(404, 'NotFound', `the server could not find the requested resource (${path})`) };
}

/**
 * Serves `items` in pages the way the API server does: `limit` items per
 * page and an opaque `continue` token while more remain.
 */
export function pagedList(
  request: RecordedRequest,
  items: unknown[],
  kind: string,
  apiVersion = 'v1',
): FakeResponse {
  const limit = Number(request.query.get('limit') ?? items.length) || items.length;
  const token = request.query.get('continue');
  const offset = token ? Number(token.replace('page-', '')) : 0;
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? `page-${offset + limit}` : undefined;
  return {
    json: {
      kind,
      apiVersion,
      metadata: { resourceVersion: '1000', ...(next ? { continue: next } : {}) },
      items: page,
    },
  };
}

/** A 410 as the API server sends it for a compacted continue token. */
export function expired(): FakeResponse {
  return {
    status: 410,
    json: kubeStatus(
      410,
      'Expired',
      'The provided continue parameter is too old to display a consistent list result.',
    ),
  };
}

export function kubeConfigFor(url: string, token = 'test-token-0123456789'): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'test', server: url, skipTLSVerify: true }],
    users: [{ name: 'test', token }],
    contexts: [{ name: 'test', cluster: 'test', user: 'test' }],
    currentContext: 'test',
  });
  return kubeConfig;
}

/** A policy that keeps failing tests quick: short timeout, no waiting between tries. */
export const FAST_POLICY = {
  timeoutMs: 300,
  maxAttempts: 2,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryWaitMs: 1000,
};
