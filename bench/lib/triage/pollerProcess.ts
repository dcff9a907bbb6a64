/*
 * Sends `GET` requests to one URL without pause from CLIENTS closed-loop
 * clients (each on its own keep-alive connection) until told to stop, in a
 * process of its own: a benchmark that streams a large body from its own
 * event loop would otherwise delay the answers it times. Started by
 * `startPoller` (poller.ts); each sample is the request's send time (epoch
 * milliseconds, so the parent can place it in time) and its latency.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PollerOptions {
  url: string;
  headers: Record<string, string>;
  clients: number;
}

export type PollerMessage =
  | { type: 'nodepools-poller-ready' }
  | { type: 'nodepools-poller-samples'; sentAt: number[]; ms: number[]; failures: string[] };

/** Epoch milliseconds with the precision of the monotonic clock. */
const now = () => performance.timeOrigin + performance.now();

function getOnce(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, res => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function main() {
  const options = JSON.parse(process.env.NODEPOOLS_BENCH_POLLER ?? 'null') as PollerOptions | null;
  if (!options) throw new Error('NODEPOOLS_BENCH_POLLER is not set');
  const url = new URL(options.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`load goes to loopback only, not ${url.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const sentAt: number[] = [];
  const ms: number[] = [];
  const failures: string[] = [];
  let running = true;
  const clients = Array.from({ length: options.clients }, async () => {
    while (running) {
      const sent = now();
      try {
        const status = await getOnce(agent, url, options.headers);
        if (status !== 200) failures.push(`status ${status}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
      sentAt.push(sent);
      ms.push(now() - sent);
    }
  });
  process.on('message', async (message: { type?: string }) => {
    if (message?.type !== 'stop') return;
    running = false;
    await Promise.all(clients);
    agent.destroy();
    const samples: PollerMessage = { type: 'nodepools-poller-samples', sentAt, ms, failures: failures.slice(0, 20) };
    process.send!(samples, () => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  const ready: PollerMessage = { type: 'nodepools-poller-ready' };
  process.send!(ready);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
