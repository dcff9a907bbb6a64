import { fork } from 'node:child_process';
import path from 'node:path';
import type { PollerMessage, PollerOptions } from './pollerProcess';

export interface PollSamples {
  /** Send time of each request (epoch milliseconds) and its latency, in the same order. */
  sentAt: number[];
  ms: number[];
  /** The first failures (errors or statuses other than 200), if any. */
  failures: string[];
}

export interface Poller {
  /** Stops sending and returns every request's time. */
  stop(): Promise<PollSamples>;
}

/** Starts pollerProcess.ts and waits until its clients send. */
export async function startPoller(options: PollerOptions): Promise<Poller> {
  const child = fork(path.join(__dirname, 'pollerProcess.ts'), [], {
    execArgv: ['-r', require.resolve('@backstage/cli-node/config/nodeTransform.cjs')],
    env: { ...process.env, NODEPOOLS_BENCH_POLLER: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: PollerMessage[] = [];
  let notify: (() => void) | undefined;
  child.on('message', (message: PollerMessage) => {
    if (message?.type !== 'nodepools-poller-ready' && message?.type !== 'nodepools-poller-samples') return;
    messages.push(message);
    notify?.();
  });
  const next = <T extends PollerMessage['type']>(type: T) =>
    new Promise<Extract<PollerMessage, { type: T }>>((resolve, reject) => {
      const check = () => {
        const found = messages.find(m => m.type === type);
        if (found) resolve(found as Extract<PollerMessage, { type: T }>);
      };
      notify = check;
      child.once('exit', code => reject(new Error(`the poller exited with code ${code}`)));
      check();
    });
  await next('nodepools-poller-ready');
  return {
    async stop() {
      child.send({ type: 'stop' });
      const { sentAt, ms, failures } = await next('nodepools-poller-samples');
      return { sentAt, ms, failures };
    },
  };
}
