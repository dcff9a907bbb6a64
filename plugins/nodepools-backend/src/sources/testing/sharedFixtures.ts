import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The public API samples kept next to the repository (`../shared/fixtures`
 * from the repository root), or the folder `NODEPOOLS_SHARED_FIXTURES` names.
 * They are optional: contract tests that replay them skip when absent.
 */
export const SHARED_FIXTURES_DIR =
  process.env.NODEPOOLS_SHARED_FIXTURES ??
  path.resolve(
    resolvePackagePath('@nodepools/plugin-nodepools-backend'),
    '../../../shared/fixtures',
  );

export function sharedFixturesAvailable(): boolean {
  return fs.existsSync(SHARED_FIXTURES_DIR);
}

/**
 * Appended to the title of a block of contract tests: empty when the samples
 * are there, otherwise why the block's tests are skipped.
 */
export const SHARED_FIXTURES_NOTE = sharedFixturesAvailable()
  ? ''
  : ` (skipped: no public samples at ${SHARED_FIXTURES_DIR})`;

/** Reads one JSON sample by file name, e.g. `eks-describe-nodegroup.json`. */
export function readSharedFixture<T = unknown>(name: string): T {
  const file = path.join(SHARED_FIXTURES_DIR, name);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
