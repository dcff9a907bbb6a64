import type { DesiredPool } from '../../desired/types';
import type { Autoscaling, Provider, Taint } from '../../model/pool';
import { isPlainObject } from '../../parsers/fields';
import type { DriftSemantics } from '../semantics';
import type { ActualPool, DriftCause, DriftField } from '../types';

/** What a renderer gets to write one finding's resolutions. */
export interface ResolutionInput {
  cause: DriftCause;
  field: DriftField;
  /** The pool's identity: the cloud pool's, else the declared one's. */
  pool: { provider: Provider; account?: string; region?: string; cluster: string; name: string };
  desiredPool?: DesiredPool;
  actualPool?: ActualPool;
  /** The finding's declared value: what a revert sets in the cloud. */
  desired?: unknown;
  /** The finding's cloud value: what an adoption writes into the IaC. */
  actual?: unknown;
  semantics: DriftSemantics;
}

/** `data` in a note: quoted, one line. */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

export function asMap(value: unknown): Record<string, string> {
  return isPlainObject(value)
    ? Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string') as Array<[string, string]>)
    : {};
}

export function asTaints(value: unknown): Taint[] {
  return Array.isArray(value) ? (value as Taint[]) : [];
}

export function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function asRange(value: unknown): Autoscaling | undefined {
  return isPlainObject(value) ? (value as unknown as Autoscaling) : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Keys to set and keys to drop to turn `from` into `to`. */
export function mapChanges(to: Record<string, string>, from: Record<string, string>) {
  return {
    set: Object.fromEntries(Object.entries(to).filter(([k, v]) => from[k] !== v)),
    remove: Object.keys(from).filter(k => !(k in to)),
  };
}

/** A count kept inside a range, for the desired size when only the range changes. */
export function clamp(value: number | undefined, min: number | undefined, max: number | undefined): number | undefined {
  if (value === undefined) return min;
  return Math.min(max ?? value, Math.max(min ?? value, value));
}

/** Per-zone count from a pool total, when it divides evenly. */
export function perZone(total: number | undefined, zones: number | undefined): number | undefined {
  if (total === undefined || !zones || total % zones !== 0) return undefined;
  return total / zones;
}

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach(v => strings(v, into));
  else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      strings(v, into);
    }
  }
  return into;
}

/**
 * A value from a file or a cloud that starts with `-` would be read as an
 * option by the command line it is passed to; such commands are not
 * written. Names the clouds accept never start with one.
 */
export function optionLikeValue(input: ResolutionInput): string | undefined {
  const { provider: _provider, ...identity } = input.pool;
  const values = strings([identity, input.desiredPool?.target ?? {}, input.desired ?? null]);
  return values.find(v => v.startsWith('-'));
}
