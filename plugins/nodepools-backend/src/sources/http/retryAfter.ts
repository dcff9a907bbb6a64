/**
 * How long a server asked us to wait before the next call, read from the
 * headers providers use for it:
 * - `retry-after-ms` / `x-ms-retry-after-ms` (Azure): milliseconds;
 * - `retry-after` (RFC 9110): seconds or an HTTP date;
 * - `ratelimit-reset` / `x-ratelimit-reset`, when the call was throttled or
 *   the budget is spent: DigitalOcean and GitHub send the Unix time of the
 *   reset, the IETF draft sends seconds from now. Values that can only be
 *   Unix times (after 2001) are read as such.
 * Returns undefined when no header says anything usable; 0 when the moment
 * named is already past.
 */

/** Seconds since 1970 from which a reset value is a timestamp, not a delay. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

export type HeaderLookup = (name: string) => string | null | undefined;

function parseNumber(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

function fromResetValue(value: number, now: number): number {
  const ms = value >= EPOCH_SECONDS_THRESHOLD ? value * 1000 - now : value * 1000;
  return Math.max(0, Math.ceil(ms));
}

export function retryAfterMs(
  header: HeaderLookup,
  options: { status?: number; now?: number } = {},
): number | undefined {
  const now = options.now ?? Date.now();

  const milliseconds =
    parseNumber(header('retry-after-ms')) ??
    parseNumber(header('x-ms-retry-after-ms'));
  if (milliseconds !== undefined) return Math.ceil(milliseconds);

  const retryAfter = header('retry-after')?.trim();
  if (retryAfter) {
    const seconds = parseNumber(retryAfter);
    if (seconds !== undefined) return Math.ceil(seconds * 1000);
    // An HTTP date names its weekday and month; Date.parse alone would take '-3' for a year.
    const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }

  const remaining =
    parseNumber(header('ratelimit-remaining')) ??
    parseNumber(header('x-ratelimit-remaining'));
  if (options.status === 429 || remaining === 0) {
    const reset =
      parseNumber(header('ratelimit-reset')) ??
      parseNumber(header('x-ratelimit-reset'));
    if (reset !== undefined) return fromResetValue(reset, now);
  }
  return undefined;
}

/** Adapts a plain header record (any case) to a lookup. */
export function headerLookup(
  headers: Record<string, string | string[] | undefined> | undefined,
): HeaderLookup {
  const lower = new Map<string, string>();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) {
      lower.set(key.toLowerCase(), Array.isArray(value) ? value[0] : value);
    }
  }
  return name => lower.get(name.toLowerCase());
}
