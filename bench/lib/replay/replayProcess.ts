import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ReplayMessage, ReplayReply, RequestCounts } from './protocol';
import type { FleetChange, FleetShape } from './world';

const START_TIMEOUT_MS = 120_000;
const REPLY_TIMEOUT_MS = 30_000;

export interface ReplayProcess {
  /** `http://127.0.0.1:<port>`: the EKS endpoint; clusters are under `/kubernetes/<name>`. */
  baseUrl: string;
  /** Switches the fleet to the base state plus `change` for every later request. */
  apply(change: FleetChange): Promise<void>;
  counts(): Promise<RequestCounts>;
  stop(): Promise<void>;
}

function isReply(message: unknown): message is ReplayReply {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('replay-');
}

/** The next reply of `type`, or an error when the child exits or stays silent. */
function nextReply<T extends ReplayReply['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ReplayReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      if (!isReply(message) || message.type !== type) return; // the module loader reports on the channel too
      cleanup();
      resolve(message as Extract<ReplayReply, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the replay server exited with code ${code} while waiting for '${type}'`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the replay server did not answer '${type}' within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
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
 * Starts server.ts in a child process serving `shape`, accepting the
 * Kubernetes bearer `token`, and waits for its port.
 */
export async function startReplayProcess(shape: FleetShape, token: string): Promise<ReplayProcess> {
  const child = fork(path.join(__dirname, 'server.ts'), [], {
    execArgv: ['-r', require.resolve('@backstage/cli-node/config/nodeTransform.cjs')],
    env: {
      ...process.env,
      NODEPOOLS_REPLAY_SHAPE: JSON.stringify(shape),
      NODEPOOLS_REPLAY_TOKEN: token,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ready;
  try {
    ready = await nextReply(child, 'replay-ready', START_TIMEOUT_MS);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const send = (message: ReplayMessage) => child.send(message);
  return {
    baseUrl: `http://127.0.0.1:${ready.port}`,
    async apply(change) {
      const applied = nextReply(child, 'replay-applied', REPLY_TIMEOUT_MS);
      send({ type: 'replay-apply', change });
      await applied;
    },
    async counts() {
      const counted = nextReply(child, 'replay-counts', REPLY_TIMEOUT_MS);
      send({ type: 'replay-counts' });
      return (await counted).counts;
    },
    async stop() {
      if (child.connected) child.disconnect();
      await waitForExit(child, 10_000);
    },
  };
}
