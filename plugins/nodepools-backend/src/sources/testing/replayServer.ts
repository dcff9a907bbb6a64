import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createSelfSignedCertificate,
  type SelfSignedCertificate,
} from './selfSignedCertificate';

/** One scripted answer of the replay server. */
export interface ReplayResponse {
  /** Defaults to 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent as is; `content-type` defaults to `application/json`. */
  body?: string;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Never answers; the client has to time out. */
  hang?: boolean;
  /**
   * Sends only the first bytes of the body as a complete, well-framed
   * response: the client gets a body that is not valid JSON.
   */
  truncateBodyAt?: number;
  /**
   * Announces the full body length, sends only this many bytes and drops
   * the connection: the client sees the body end early.
   */
  resetAfterBytes?: number;
}

/** Which requests a route answers. */
export interface ReplayRoute {
  /** Defaults to GET. */
  method?: string;
  /** Exact URL path, without the query. */
  path: string;
  /**
   * Query parameters the request must carry with these exact values; a key
   * mapped to `undefined` must be absent. Other parameters are ignored.
   */
  query?: Record<string, string | undefined>;
  /** A further condition, e.g. on a header; counts as one more constraint. */
  match?: (request: RecordedRequest) => boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** True when no route matched and the server answered 404. */
  unmatched: boolean;
}

export interface ReplayServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  readonly url: string;
  /** The certificate to trust when the server runs with TLS. */
  readonly ca?: string;
  /** Every request received so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /**
   * Adds a route answering with `responses` in turn; the last one repeats.
   * When several routes match, the one with the most constraints (query
   * parameters, plus one for `match`) wins, then the one added first.
   */
  route(route: ReplayRoute | string, ...responses: ReplayResponse[]): void;
  /** Requests received for one path (and method, GET by default). */
  requestsTo(path: string, method?: string): RecordedRequest[];
  /** Closes the server, ending hung and delayed responses; closing twice is harmless. */
  close(): Promise<void>;
}

interface RouteState {
  route: Required<Pick<ReplayRoute, 'method' | 'path'>> & Omit<ReplayRoute, 'method' | 'path'>;
  responses: ReplayResponse[];
  served: number;
}

function queryMatches(
  constraints: Record<string, string | undefined> | undefined,
  query: URLSearchParams,
): boolean {
  if (!constraints) return true;
  return Object.entries(constraints).every(([key, value]) =>
    value === undefined ? !query.has(key) : query.get(key) === value,
  );
}

function specificity(state: RouteState): number {
  const queryConstraints = state.route.query ? Object.keys(state.route.query).length : 0;
  return queryConstraints + (state.route.match ? 1 : 0);
}

/**
 * Starts an HTTP (or HTTPS) server on 127.0.0.1 and a random port that
 * answers requests from a script, for testing cloud clients without a cloud.
 */
export async function startReplayServer(
  options: {
    tls?: boolean;
    /** The certificate to serve with TLS; one made for the server by default. */
    certificate?: SelfSignedCertificate;
  } = {},
): Promise<ReplayServer> {
  const routes: RouteState[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const certificate = options.tls
    ? (options.certificate ?? createSelfSignedCertificate())
    : undefined;

  const findRoute = (request: RecordedRequest, url: URL): RouteState | undefined => {
    const candidates = routes.filter(
      state =>
        state.route.method === request.method &&
        state.route.path === url.pathname &&
        queryMatches(state.route.query, url.searchParams) &&
        (!state.route.match || state.route.match(request)),
    );
    return candidates.reduce<RouteState | undefined>(
      (best, candidate) =>
        !best || specificity(candidate) > specificity(best) ? candidate : best,
      undefined,
    );
  };

  const answer = (res: ServerResponse, response: ReplayResponse) => {
    if (response.hang) return;
    const body =
      response.json !== undefined
        ? JSON.stringify(response.json)
        : (response.body ?? '');
    const bytes = Buffer.from(body, 'utf8');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...response.headers,
    };
    if (response.resetAfterBytes !== undefined) {
      res.writeHead(response.status ?? 200, {
        ...headers,
        'content-length': String(bytes.length),
      });
      res.write(bytes.subarray(0, response.resetAfterBytes), () => {
        res.socket?.destroy();
      });
      return;
    }
    const sent =
      response.truncateBodyAt !== undefined
        ? bytes.subarray(0, response.truncateBodyAt)
        : bytes;
    res.writeHead(response.status ?? 200, {
      ...headers,
      'content-length': String(sent.length),
    });
    res.end(sent);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      unmatched: false,
    };
    const state = findRoute(request, url);
    request.unmatched = !state;
    requests.push(request);
    if (!state) {
      answer(res, {
        status: 404,
        json: { message: `no scripted route for ${method} ${url.pathname}` },
      });
      return;
    }
    const response =
      state.responses[Math.min(state.served, state.responses.length - 1)];
    state.served += 1;
    if (response.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(res, response);
      }, response.delayMs);
      timers.add(timer);
    } else {
      answer(res, response);
    }
  };

  const server = certificate
    ? https.createServer({ cert: certificate.cert, key: certificate.key }, handle)
    : http.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`,
    ca: certificate?.cert,
    requests,
    route(route, ...responses) {
      if (responses.length === 0) {
        throw new Error('a replay route needs at least one response');
      }
      const spec = typeof route === 'string' ? { path: route } : route;
      routes.push({
        route: { ...spec, method: spec.method ?? 'GET' },
        responses,
        served: 0,
      });
    },
    requestsTo(path, method = 'GET') {
      return requests.filter(r => r.path === path && r.method === method);
    },
    async close() {
      if (!server.listening) return;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
