import type { SkippedItem } from '../types';
import { FieldError, describe, isObject } from './fields';

/** Input that cannot be analyzed at all (not a list). */
export class TriageInputError extends Error {
  readonly list: string;
  readonly field: string;
  constructor(list: string, field: string, message: string) {
    super(`${list}: field '${field}': ${message}`);
    this.name = 'TriageInputError';
    this.list = list;
    this.field = field;
  }
}

/**
 * The items of `kubectl get ... -o json` output: a List (`items`), a bare
 * array, or a single object of the expected kind.
 */
export function listItems(input: unknown, list: string, kind: string): unknown[] {
  if (Array.isArray(input)) return input;
  if (isObject(input)) {
    if (Array.isArray(input.items)) return input.items;
    if (input.kind === kind) return [input];
    if ('items' in input) throw new TriageInputError(list, 'items', 'must be a list');
  }
  throw new TriageInputError(
    list,
    'items',
    `expected the output of 'kubectl get ${list} -o json' (a List with items), got ${describe(input)}`,
  );
}

/** Names an item for a skipped entry: `Pod default/web-1`, or its position when it has no name. */
export function objectName(raw: unknown, list: string, kind: string, index: number): string {
  if (isObject(raw) && isObject(raw.metadata) && typeof raw.metadata.name === 'string' && raw.metadata.name) {
    const ns = typeof raw.metadata.namespace === 'string' && raw.metadata.namespace ? `${raw.metadata.namespace}/` : '';
    return `${kind} ${ns}${raw.metadata.name}`;
  }
  return `${list} item ${index}`;
}

/** Reads one item; a bad one is listed as skipped. */
export function readItem(
  raw: unknown,
  index: number,
  list: string,
  kind: string,
  skipped: SkippedItem[],
  read: () => void,
) {
  try {
    read();
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    skipped.push({ list, index, object: objectName(raw, list, kind, index), field: e.field, message: e.message });
  }
}

/** Reads every item, keeping the good ones and listing the bad ones as skipped. */
export function readItems<T>(
  items: readonly unknown[],
  list: string,
  kind: string,
  read: (raw: unknown, index: number) => T | undefined,
  skipped: SkippedItem[],
): T[] {
  const result: T[] = [];
  items.forEach((raw, index) => {
    try {
      const item = read(raw, index);
      if (item !== undefined) result.push(item);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      skipped.push({ list, index, object: objectName(raw, list, kind, index), field: e.field, message: e.message });
    }
  });
  return result;
}
