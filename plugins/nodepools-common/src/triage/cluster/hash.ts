/** 32-bit FNV-1a steps, to group records by what they hold without building long keys. */
export const FNV_OFFSET = 0x811c9dc5;

export function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193);
}

// A number's bits, to hash amounts exactly.
const FLOAT = new Float64Array(1);
const FLOAT_BITS = new Uint32Array(FLOAT.buffer);

export function mixNumber(hash: number, value: number): number {
  FLOAT[0] = value;
  return mix(mix(hash, FLOAT_BITS[0]), FLOAT_BITS[1]);
}

export function mixText(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return mix(h, 0xff);
}
