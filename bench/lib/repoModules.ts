import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root (bench/lib is two levels below it). */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * Loads one of the repository's ES-module helpers under test/support (the
 * PostgreSQL and Chromium starters the test suite uses), untyped.
 */
export async function importTestSupport<T>(name: string): Promise<T> {
  const url = pathToFileURL(path.join(REPO_ROOT, 'test', 'support', name)).href;
  return (await import(url)) as T;
}
