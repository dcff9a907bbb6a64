// `npm run bench`: every benchmark, one after another, each printing a
// markdown table; the tables are also saved under bench/results/. One
// PostgreSQL server is started for all of them. Name benchmarks to run a
// subset: `npm run bench -- inventory api live`.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTION_ENV, startPostgres } from '../test/support/postgres.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const transform = createRequire(import.meta.url).resolve('@backstage/cli-node/config/nodeTransform.cjs');

const BENCHMARKS = [
  { name: 'inventory', file: 'inventory.ts', postgres: true },
  { name: 'api', file: 'api.ts', postgres: true },
  { name: 'live', file: 'liveSync.ts', postgres: true },
  { name: 'triage', file: 'triage.ts', postgres: false },
  { name: 'triage-limits', file: 'triageLimits.ts', postgres: false },
  { name: 'drift', file: 'drift.ts', postgres: false },
  { name: 'requests', file: 'requests.ts', postgres: true },
  { name: 'drift-stage', file: 'driftStage.ts', postgres: false },
  { name: 'ui', file: 'ui.ts', postgres: false },
  { name: 'catalog', file: 'catalog.ts', postgres: false },
  { name: 'request-queue', file: 'requestQueue.ts', postgres: false },
  { name: 'governance', file: 'governance.ts', postgres: true },
];

function run(file, env) {
  return new Promise((resolve, reject) => {
    const command = ['-r', transform, path.join('bench', file)];
    const child = spawn(process.execPath, command, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    // The command as a reader types it from the repository root.
    const shown = `node -r @backstage/cli-node/config/nodeTransform.cjs bench/${file}`;
    child.on('exit', code => resolve({ code: code ?? 1, output, command: shown }));
  });
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter(name => !BENCHMARKS.some(b => b.name === name));
  if (unknown.length) {
    const known = BENCHMARKS.map(b => b.name).join(', ');
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${known}`);
    process.exit(2);
  }
  const selected = BENCHMARKS.filter(b => !wanted.length || wanted.includes(b.name));
  const env = { ...process.env };
  let postgres;
  if (selected.some(b => b.postgres) && !env[CONNECTION_ENV]) {
    postgres = await startPostgres();
    env[CONNECTION_ENV] = postgres.connectionString;
  }
  const started = new Date();
  const sections = [`# nodepools benchmarks, ${started.toISOString()}`];
  let failed = false;
  try {
    for (const benchmark of selected) {
      console.error(`\n=== ${benchmark.name}`);
      const result = await run(benchmark.file, env);
      sections.push(`Command: \`${result.command}\`\n\n${result.output.trim()}`);
      if (result.code !== 0) {
        failed = true;
        sections.push(`(${benchmark.name} exited with code ${result.code})`);
      }
    }
  } finally {
    await postgres?.stop();
  }
  const dir = path.join(here, 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.md`);
  await writeFile(file, `${sections.join('\n\n')}\n`);
  console.error(`\nresults saved to ${path.relative(root, file)}`);
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
