/**
 * 32-bit FNV-1a over UTF-16 code units, from a given offset basis. Two runs
 * with different bases give a 64-bit id: collisions are out of reach for a
 * fleet's findings, and the code runs in the browser too (no crypto).
 */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** The stable id of a finding: the same pool, address, field and cause always give the same id. */
export function findingId(parts: {
  ref: string;
  address?: string;
  field: string;
  cause: string;
}): string {
  const key = [parts.ref, parts.address ?? '', parts.field, parts.cause].join('\u0000');
  return `drift-${hex(fnv1a(key, 0x811c9dc5))}${hex(fnv1a(key, 0x01000193 ^ 0x9e3779b9))}`;
}
