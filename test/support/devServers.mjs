// Starts the backend and app dev servers exactly as `npm start` does, with
// extra config files, and waits until both answer.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function waitFor(url, { timeoutMs, isUp }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (await isUp(res)) return;
      lastError = new Error(`${url} answered ${res.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${url}: ${lastError?.message}`);
}

function isListening(host, port) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * @param {{ configs: string[], backendUrl: string, appUrl: string, logFile?: import('node:fs').WriteStream }} options
 *   configs are paths relative to the repository root.
 */
export async function startDevServers({ configs, backendUrl, appUrl, log }) {
  // Servers already listening there would answer in place of ours (and vanish
  // when their owner stops them): refuse rather than test someone else's app.
  for (const url of [backendUrl, appUrl]) {
    const { port, hostname } = new URL(url);
    if (await isListening(hostname, Number(port))) {
      throw new Error(`${url}: port ${port} is already in use; stop what listens there (another test run?) and try again`);
    }
  }
  const configArgs = configs.flatMap(c => ['--config', path.join('..', '..', c)]);
  const children = ['plugins/nodepools-backend', 'plugins/nodepools'].map(dir => {
    const child = spawn('npx', ['backstage-cli', 'package', 'start', ...configArgs], {
      cwd: path.join(root, dir),
      // Test runners set NODE_ENV=test; the dev servers (and guest sign-in) expect development.
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.on('data', d => log?.(`[${dir}] ${d}`));
    child.stderr.on('data', d => log?.(`[${dir}] ${d}`));
    return child;
  });
  const stop = async () => {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise(r => setTimeout(r, 500));
  };
  try {
    await waitFor(`${backendUrl}/.backstage/health/v1/readiness`, {
      timeoutMs: 120_000,
      isUp: res => res.ok,
    });
    await waitFor(appUrl, { timeoutMs: 180_000, isUp: res => res.ok });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
