import { SourceResponseError } from './http/errors';

/**
 * Helpers for the JSON the sources read: cloud answers, Kubernetes objects.
 * They never trust a shape; what a source needs and does not find is a
 * SourceResponseError naming the field.
 */

export type JsonObject = Record<string, unknown>;

/** The value as an object, when it is one (not an array, not null). */
export function asObject(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/**
 * A field that must be a non-empty string, e.g. a cluster's name in a
 * listing; `where` names the item (`clusters item 3`).
 */
export function requiredString(
  item: unknown,
  key: string,
  operation: string,
  where: string,
): string {
  const value = asObject(item)?.[key];
  if (typeof value !== 'string' || value === '') {
    throw new SourceResponseError(operation, `${where}: field '${key}' must be a non-empty string`);
  }
  return value;
}

/**
 * A repeated field of an answer. Google's JSON leaves empty lists out, so an
 * absent field is an empty list; anything but a list or nothing is a broken
 * answer.
 */
export function repeatedField(body: unknown, field: string, operation: string): unknown[] {
  const record = asObject(body);
  if (!record) throw new SourceResponseError(operation, 'the answer is not a JSON object');
  const value = record[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new SourceResponseError(operation, `'${field}' is not a list`);
  }
  return value;
}

/** A list field that must be there, e.g. a page's `items`. */
export function requiredList(body: unknown, field: string, operation: string): unknown[] {
  const value = asObject(body)?.[field];
  if (!Array.isArray(value)) {
    throw new SourceResponseError(operation, `the answer has no '${field}' list`);
  }
  return value;
}

/** A copy of `item` without the named keys. */
export function withoutKeys<T extends object>(item: T, keys: readonly string[]): T {
  if (!keys.some(key => key in item)) return item;
  const copy = { ...item } as Record<string, unknown>;
  for (const key of keys) delete copy[key];
  return copy as T;
}

/** A copy of a string map with every value blanked; the keys stay, to show what was there. */
export function blankValues(map: unknown): unknown {
  const record = asObject(map);
  if (!record) return map;
  return Object.fromEntries(Object.keys(record).map(key => [key, '']));
}

/**
 * Provider records, once through JSON: SDK dates become ISO strings and
 * absent optional fields disappear, so `raw` is what an export would hold
 * and compares equal between syncs.
 */
export function toPlainRecord(item: unknown): unknown {
  return item === undefined ? undefined : JSON.parse(JSON.stringify(item));
}
