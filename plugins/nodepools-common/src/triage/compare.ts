/** Orders strings by code unit, the same on every machine (unlike locale comparison). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
