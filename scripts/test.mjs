// `npm test`: every test of every package, plus the browser end-to-end test,
// against a real PostgreSQL started here (or the one named by
// BACKSTAGE_TEST_DATABASE_POSTGRES17_CONNECTION_STRING) and real SQLite.
// Ends with one line `tests: N passed, N failed, N skipped`; suites that could
// not run count as failures. The public samples next to the repository
// (`../shared/fixtures`, or NODEPOOLS_SHARED_FIXTURES) are optional: the tests
// that replay them show as skipped when they are absent.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTION_ENV, startPostgres } from '../test/support/postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suites = [
  { name: 'common', dir: 'plugins/nodepools-common', cmd: ['npx', 'backstage-cli', 'package', 'test', '--watchAll=false'] },
  { name: 'backend', dir: 'plugins/nodepools-backend', cmd: ['npx', 'backstage-cli', 'package', 'test', '--watchAll=false'] },
  { name: 'frontend', dir: 'plugins/nodepools', cmd: ['npx', 'backstage-cli', 'package', 'test', '--watchAll=false'] },
  { name: 'catalog-module', dir: 'plugins/catalog-backend-module-nodepools', cmd: ['npx', 'backstage-cli', 'package', 'test', '--watchAll=false'] },
  { name: 'scaffolder-module', dir: 'plugins/scaffolder-backend-module-nodepools', cmd: ['npx', 'backstage-cli', 'package', 'test', '--watchAll=false'] },
  { name: 'e2e', dir: 'test', cmd: ['npx', 'jest', '--config', 'jest.config.js'] },
];
const only = process.argv.slice(2);
const unknown = only.filter(name => !suites.some(suite => suite.name === name));
if (unknown.length) {
  console.error(
    `Unknown test suite ${unknown.map(n => `'${n}'`).join(', ')}; the suites are ${suites.map(s => s.name).join(', ')}.`,
  );
  process.exit(2);
}

function run(cmd, cwd, env) {
  return new Promise(resolve => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd, env, stdio: 'inherit' });
    child.on('exit', code => resolve(code ?? 1));
  });
}

async function main() {
  const env = { ...process.env, CI: process.env.CI ?? 'true', BACKSTAGE_TEST_DISABLE_DOCKER: '1' };
  let postgres;
  if (!env[CONNECTION_ENV]) {
    postgres = await startPostgres();
    env[CONNECTION_ENV] = postgres.connectionString;
    console.log('PostgreSQL 17 started for the tests');
  }
  const reports = await mkdtemp(path.join(os.tmpdir(), 'nodepools-test-'));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let exitCode = 0;
  try {
    for (const suite of suites) {
      if (only.length && !only.includes(suite.name)) continue;
      console.log(`\n=== ${suite.name} tests (${suite.dir})`);
      const report = path.join(reports, `${suite.name}.json`);
      const code = await run(
        [...suite.cmd, '--json', `--outputFile=${report}`],
        path.join(root, suite.dir),
        env,
      );
      try {
        const result = JSON.parse(await readFile(report, 'utf8'));
        passed += result.numPassedTests;
        failed += result.numFailedTests;
        skipped += result.numPendingTests + result.numTodoTests;
        // A suite that failed to load (syntax error, failing import) has no tests to count.
        const brokenSuites = result.testResults.filter(
          suite => suite.status === 'failed' && suite.assertionResults.length === 0,
        );
        for (const suite of brokenSuites) {
          console.error(`${suite.name}: the test file failed to run: ${suite.message.split('\n').find(Boolean) ?? ''}`);
        }
        failed += brokenSuites.length;
        if (result.numTotalTests === 0) {
          console.error(`${suite.name}: no test ran`);
          exitCode = 1;
        }
      } catch {
        console.error(`${suite.name}: no test report (the runner failed before reporting)`);
        failed += 1;
      }
      if (code !== 0) exitCode = code;
    }
  } finally {
    await postgres?.stop();
    await rm(reports, { recursive: true, force: true });
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(exitCode || (failed ? 1 : 0));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
