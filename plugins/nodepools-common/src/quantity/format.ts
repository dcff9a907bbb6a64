/**
 * Short human renderings of scheduler amounts, for reason messages and
 * tables. They round for reading; the numbers the engine compares are exact.
 */

const BINARY_UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function trimmed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Millicores as kubectl would write them: `250m`, `2`, `1.5`. */
export function formatMillicores(milli: number): string {
  if (milli % 1000 === 0) return String(milli / 1000);
  if (Math.abs(milli) < 1000) return `${milli}m`;
  return trimmed(milli / 1000, 3);
}

/** Bytes with a binary suffix: `512Mi`, `1.5Gi`, `100`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = '';
  for (const next of BINARY_UNITS) {
    if (Math.abs(value) < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${trimmed(value, unit ? 2 : 0)}${unit}`;
}

/** An amount of a named resource in its natural unit. `cpu` is in millicores. */
export function formatResourceAmount(resource: string, amount: number): string {
  if (resource === 'cpu') return formatMillicores(amount);
  if (
    resource === 'memory' ||
    resource === 'ephemeral-storage' ||
    resource.startsWith('hugepages-')
  ) {
    return formatBytes(amount);
  }
  return String(amount);
}
