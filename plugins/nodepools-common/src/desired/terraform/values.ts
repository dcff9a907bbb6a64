import type { RecordReader } from '../../parsers/fields';

/*
 * How Terraform stores what a configuration leaves unset: null for most
 * attributes, "" for unset strings of SDKv2 providers, 0 for unset numbers
 * some providers keep (EKS disk_size with a launch template, AKS min/max with
 * autoscaling off), and nested blocks as lists of objects ([] when absent).
 */

/** A string attribute; null and "" mean unset. */
export function optString(r: RecordReader, key: string): string | undefined {
  const value = r.string(key);
  return value === '' ? undefined : value;
}

/** A count where 0 means unset. */
export function optPositive(r: RecordReader, key: string): number | undefined {
  const value = r.integer(key);
  return value === 0 ? undefined : value;
}

/** The single object of a nested block (`scaling_config: [{...}]`); undefined when the block is absent. */
export function block(r: RecordReader, key: string): RecordReader | undefined {
  const value = r.get(key);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return r.objectArray(key)?.[0];
  return r.object(key);
}

/** Every object of a repeated nested block. */
export function blocks(r: RecordReader, key: string): RecordReader[] {
  const value = r.get(key);
  if (value === undefined) return [];
  return Array.isArray(value) ? r.objectArray(key) ?? [] : [r.object(key)].filter((b): b is RecordReader => !!b);
}

/** A set of strings (zones, instance types) sorted, so that order never reads as drift. */
export function sortedSet(values: readonly string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : [...new Set(values)].sort();
}

/** An autoscaling setting without unset bounds. */
export function autoscalingOf(
  enabled: boolean,
  min: number | undefined,
  max: number | undefined,
): { enabled: boolean; min?: number; max?: number } {
  return { enabled, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/**
 * A string attribute with a known set of values, or undefined (not
 * declared as far as drift goes) for a value this reader does not know:
 * providers add values (a new capacity type, a new pool mode) without
 * the state being malformed.
 */
export function knownValue<T extends string>(r: RecordReader, key: string, known: readonly T[]): T | undefined {
  const value = optString(r, key);
  return value !== undefined && (known as readonly string[]).includes(value) ? (value as T) : undefined;
}
