import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ServerOptions, ServerReady } from './apiServer';

const START_TIMEOUT_MS = 120_000;

export interface ApiServer {
  baseUrl: string;
  /** The server's process id, to sample its memory. */
  pid: number;
  stop(): Promise<void>;
}

function isReady(message: unknown): message is ServerReady {
  return (message as ServerReady)?.type === 'nodepools-bench-ready';
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise(resolve => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Starts apiServer.ts (or another server `entry` that reports its port the
 * same way, with `env` added) in a child process and waits for its port.
 */
export async function startApiServer(
  options: ServerOptions,
  launch: { entry?: string; env?: Record<string, string> } = {},
): Promise<ApiServer> {
  const child = fork(launch.entry ?? path.join(__dirname, 'apiServer.ts'), [], {
    execArgv: ['-r', require.resolve('@backstage/cli-node/config/nodeTransform.cjs')],
    env: {
      ...process.env,
      ...launch.env,
      NODE_ENV: 'production',
      NODEPOOLS_BENCH_SERVER: JSON.stringify(options),
      NODEPOOLS_BENCH_TARGET: JSON.stringify(options.target),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API server did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.on('message', message => {
      if (!isReady(message)) return; // the module loader also reports the files it loads
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the API server exited with code ${code} before it was ready`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child, 10_000);
    },
  };
}
