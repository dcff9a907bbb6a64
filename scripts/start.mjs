// `npm start`: the nodepools backend (http://localhost:7007) and the app with
// the nodepools page (http://localhost:3000), on the embedded default config.
// Extra arguments are passed to both as config files, e.g.
//   npm start -- --config ../../app-config.local.yaml
import { spawn } from 'node:child_process';

const extra = process.argv.slice(2);
const parts = [
  { name: 'backend', workspace: 'plugins/nodepools-backend' },
  { name: 'app', workspace: 'plugins/nodepools' },
];

const children = parts.map(({ name, workspace }) => {
  const child = spawn(
    'npm',
    ['start', '--workspace', workspace, '--', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' },
  );
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', chunk => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', code => {
    process.stdout.write(`[${name}] exited with ${code}\n`);
    shutdown(code ?? 1);
  });
  return child;
});

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
