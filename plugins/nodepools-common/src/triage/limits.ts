/** Bounds on one analysis, so one input cannot take a shared process down. */
export interface TriageLimits {
  /** Pods in the input, pending and bound. */
  maxPods?: number;
  maxNodes?: number;
  /** Scheduling signatures x pools: the verdicts a report holds, each a full evaluation when explained. */
  maxWork?: number;
  /**
   * Verdicts explained with their reasons in one report; past it, each
   * signature's share goes to the pools that take or nearly take its pods
   * and the others keep their quick verdict only. Not a refusal: absent
   * means every verdict is explained.
   */
  maxExplained?: number;
}

/** The backend's default `maxExplained`: more than signatures x pools of most clusters. */
export const DEFAULT_MAX_EXPLAINED = 20_000;

export type TriageLimitName = Exclude<keyof TriageLimits, 'maxExplained'>;

/** An input over one of the limits; nothing was analyzed. */
export class TriageLimitError extends Error {
  constructor(
    readonly limit: TriageLimitName,
    /** How much the input has, as far as it was read (counting stops past the limit). */
    readonly amount: number,
    readonly max: number,
    /** What is counted, in words: `pods`, `nodes`, `signatures x pools`. */
    readonly counted: string,
  ) {
    super(`the input has more than ${max.toLocaleString('en-US')} ${counted} (${amount.toLocaleString('en-US')} read)`);
    this.name = 'TriageLimitError';
  }
}

/** Throws when `amount` passes the limit; an absent limit is no limit. */
export function checkLimit(limits: TriageLimits | undefined, limit: TriageLimitName, amount: number, counted: string) {
  const max = limits?.[limit];
  if (max !== undefined && amount > max) throw new TriageLimitError(limit, amount, max, counted);
}
