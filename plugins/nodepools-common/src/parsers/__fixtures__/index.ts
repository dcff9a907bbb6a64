import * as fs from 'fs';
import * as path from 'path';
import type { ImportIssue } from '../../model/sources';
import { ExportParseError } from '../types';

/** The text of one of the parsers' own fixtures, e.g. `eks/bad-records.json`. */
export function readFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, name), 'utf8');
}

/** The issues an ExportParseError carries; fails when nothing (or something else) is thrown. */
export function issuesOf(run: () => unknown): ImportIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ExportParseError) return error.issues;
    throw error;
  }
  throw new Error('expected an ExportParseError, but nothing was thrown');
}

/** What a call throws; fails when it returns. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
