import { ResponseError } from '@backstage/errors';
import {
  PROVIDER_PROFILES,
  cloudProfiles,
  isFixedSize,
  type Autoscaling,
} from '@nodepools/plugin-nodepools-common';

const PROVIDER_LABELS = new Map(PROVIDER_PROFILES.map(p => [p.provider as string, p.displayName]));

/** How the clouds call themselves, for chips and pickers: the provider profiles' display names. */
export function providerLabel(provider: string): string {
  return PROVIDER_LABELS.get(provider) ?? provider;
}

/** `EKS, Karpenter, GKE, AKS and DOKS`: every provider that defines pools in a cloud. */
export function cloudProvidersText(): string {
  const names = cloudProfiles().map(p => p.displayName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}

const CAPACITY_LABELS: Record<string, string> = {
  'on-demand': 'On-demand',
  spot: 'Spot',
  mixed: 'Spot + on-demand',
  'capacity-block': 'Capacity block',
};

export function capacityTypeLabel(capacityType: string): string {
  return CAPACITY_LABELS[capacityType] ?? capacityType;
}

const MODE_LABELS: Record<string, string> = { system: 'System', user: 'User' };

export function modeLabel(mode: string): string {
  return MODE_LABELS[mode] ?? mode;
}

const OWNER_STATUS_LABELS: Record<string, string> = {
  known: 'A catalog group or user',
  unknown: 'Unknown owner: not a catalog group or user',
  none: 'No owner',
  unchecked: 'Not checked against the catalog yet',
};

/** What the catalog says of a pool's owner (`ownerStatus`). */
export function ownerStatusLabel(status: string): string {
  return OWNER_STATUS_LABELS[status] ?? status;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

export function nodesLabel(count: number): string {
  return plural(count, 'node', 'nodes');
}

/**
 * The node count against the autoscaler range: `3 nodes · 1–5`, or
 * `3 nodes · fixed` when autoscaling is off, `1 node · fixed at 1` when the
 * autoscaler manages a range of one size. Karpenter pools have no node
 * bounds; their count is whatever the cluster runs.
 */
export function nodeCountLabel(
  nodeCount: number | undefined,
  autoscaling: Autoscaling,
): string {
  const count = nodeCount === undefined ? 'Unknown node count' : nodesLabel(nodeCount);
  if (!autoscaling.enabled) return `${count} · fixed`;
  if (isFixedSize(autoscaling)) return `${count} · fixed at ${autoscaling.min}`;
  if (autoscaling.min !== undefined && autoscaling.max !== undefined) {
    return `${count} · ${autoscaling.min}–${autoscaling.max}`;
  }
  if (autoscaling.max !== undefined) return `${count} · up to ${autoscaling.max}`;
  return `${count} · autoscaled, no node bounds`;
}

function trimNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** Cores, with a tenth of precision: `3.5`. */
export function formatCores(cores: number): string {
  return trimNumber(cores);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Binary units, as Kubernetes reports memory: `30.5 GiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${trimNumber(value)} ${BYTE_UNITS[unit]}`;
}

/** A sync's run time: `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimNumber(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `5 minutes ago`, `in 2 hours`; the timestamp itself when it cannot be read. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const diff = then - now;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= size || unit === 'second') {
      return relativeFormat.format(Math.round(diff / size), unit);
    }
  }
  return iso;
}

/** `key=value` for a label or tag. */
export function formatKeyValue(key: string, value: string): string {
  return value === '' ? key : `${key}=${value}`;
}

/**
 * What to tell a user about a failed call. A `ResponseError`'s own message
 * only has the status; the server's explanation is in its cause.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.cause?.message || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A changed or normalized value in one line: strings as they are, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}
