import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  /** Milliseconds from sending each request to its last body byte, retries included. */
  latencies: number[];
  wallMs: number;
  bytes: number;
  /** Answers by status code. */
  statuses: Record<number, number>;
  /**
   * Requests sent again because the server closed the idle keep-alive
   * connection they were sent on (as browsers retry them).
   */
  retries: number;
}

/** Attempts per request: the first, plus retries after a closed keep-alive connection. */
const MAX_ATTEMPTS = 3;

class ReusedSocketClosed extends Error {}

interface Received {
  bytes: number;
  status: number;
}

function getOnce(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
  accepted: readonly number[],
): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, res => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (!accepted.includes(status)) {
          reject(new Error(`GET ${url.pathname}${url.search} answered ${status}`));
        } else {
          resolve({ bytes, status });
        }
      });
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A keep-alive connection the server timed out while the request was on
      // its way: nothing was processed, so the request is safe to send again.
      const closedIdle = req.reusedSocket && error.code === 'ECONNRESET';
      reject(closedIdle ? new ReusedSocketClosed(error.message) : error);
    });
  });
}

async function get(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
  accepted: readonly number[],
  onRetry: () => void,
): Promise<Received> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getOnce(agent, url, headers, accepted);
    } catch (error) {
      if (!(error instanceof ReusedSocketClosed) || attempt === MAX_ATTEMPTS) throw error;
      onRetry();
    }
  }
}

/**
 * `clients` concurrent clients, each sending `requestsPerClient` requests one
 * after another on its own keep-alive connection (a closed loop: a client
 * sends its next request when the previous answer is complete). After
 * `maxMs`, clients send no further request, so a slow server bounds the run
 * in time rather than in count; `latencies.length` says how many completed.
 */
export async function runLoad(options: {
  url: string;
  headers: Record<string, string>;
  clients: number;
  requestsPerClient: number;
  maxMs: number;
  /** Status codes that count as answers (default 200 only); any other fails the run. */
  accepted?: readonly number[];
}): Promise<LoadResult> {
  const accepted = options.accepted ?? [200];
  const statuses: Record<number, number> = {};
  const url = new URL(options.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`load goes to loopback only, not ${url.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  let bytes = 0;
  let retries = 0;
  const start = performance.now();
  const deadline = start + options.maxMs;
  try {
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        for (let i = 0; i < options.requestsPerClient && performance.now() < deadline; i++) {
          const sent = performance.now();
          const received = await get(agent, url, options.headers, accepted, () => retries++);
          latencies.push(performance.now() - sent);
          bytes += received.bytes;
          statuses[received.status] = (statuses[received.status] ?? 0) + 1;
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, wallMs: performance.now() - start, bytes, retries, statuses };
}

/** One request, parsed, to check what a query returns, with its tag. */
export async function getJson<T>(
  url: string,
  headers: Record<string, string>,
): Promise<{ body: T; etag: string | null }> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return { body: (await res.json()) as T, etag: res.headers.get('etag') };
}
