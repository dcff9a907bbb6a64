import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  /** Milliseconds from sending each request to its last body byte, retries included. */
  latencies: number[];
  wallMs: number;
  bytes: number;
  /**
   * Requests sent again because the server closed the idle keep-alive
   * connection they were sent on (as browsers retry them).
   */
  retries: number;
}

/** Attempts per request: the first, plus retries after a closed keep-alive connection. */
const MAX_ATTEMPTS = 3;

class ReusedSocketClosed extends Error {}

function getOnce(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, res => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET ${url.pathname}${url.search} answered ${res.statusCode}`));
        } else {
          resolve(bytes);
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
  onRetry: () => void,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getOnce(agent, url, headers);
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
}): Promise<LoadResult> {
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
          const received = await get(agent, url, options.headers, () => retries++);
          latencies.push(performance.now() - sent);
          bytes += received;
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, wallMs: performance.now() - start, bytes, retries };
}

/** One request, parsed, to check what a query returns. */
export async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
