import type { FitDigit, SignatureTriage } from './types';

const NOW = 2;
const AFTER_SCALE_UP = 1;

/** The character of `SignatureTriage.fits` for these two answers. */
export function fitDigit(fitsNow: boolean, fitsAfterScaleUp: boolean): FitDigit {
  return String((fitsNow ? NOW : 0) + (fitsAfterScaleUp ? AFTER_SCALE_UP : 0)) as FitDigit;
}

/** The quick verdict of a signature on the pool at `position` of the report's pools. */
export function fitsAt(signature: SignatureTriage, position: number): { fitsNow: boolean; fitsAfterScaleUp: boolean } {
  const digit = signature.fits.charCodeAt(position) - 48;
  return { fitsNow: (digit & NOW) !== 0, fitsAfterScaleUp: (digit & AFTER_SCALE_UP) !== 0 };
}

/** Whether some pool's autoscaler would place the signature's pods. */
export function fitsSomewhereAfterScaleUp(signature: SignatureTriage): boolean {
  return /[13]/.test(signature.fits);
}

/** How many pools the signature's pods fit now, after a scale-up, and neither. */
export function fitCounts(signature: SignatureTriage, positions?: Iterable<number>) {
  const counts = { now: 0, afterScaleUp: 0, neither: 0 };
  const count = (position: number) => {
    const { fitsNow, fitsAfterScaleUp } = fitsAt(signature, position);
    if (fitsNow) counts.now++;
    if (fitsAfterScaleUp) counts.afterScaleUp++;
    if (!fitsNow && !fitsAfterScaleUp) counts.neither++;
  };
  if (positions) for (const position of positions) count(position);
  else for (let position = 0; position < signature.fits.length; position++) count(position);
  return counts;
}
