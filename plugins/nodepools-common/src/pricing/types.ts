import type { MachineCloud } from '../machines/types';

/** Hours in a month for every monthly figure: 365 days x 24 hours / 12. */
export const HOURS_PER_MONTH = 730;

/**
 * Why a price is estimated, or why there is none. Every priced result lists
 * the notes that apply to it; a result with none is a list price (or a
 * configured one) used as is.
 */
export const PRICE_NOTE_CODES = [
  // a figure is not the bill's own
  'region-not-priced',
  'os-not-priced',
  'spot-discount-assumed',
  'spot-price-snapshot',
  'spot-not-offered',
  'mixed-capacity',
  'several-machine-types',
  'some-machine-types-unpriced',
  'limits-bound-max',
  'control-plane-tier-assumed',
  'free-tier-not-applied',
  // no figure at all
  'cloud-unknown',
  'no-machine-type',
  'machine-type-unpriced',
  'capacity-block-not-priced',
  'node-count-unknown',
  'max-unbounded',
] as const;
export type PriceNoteCode = (typeof PRICE_NOTE_CODES)[number];

export interface PriceNote {
  code: PriceNoteCode;
  /** One sentence for people, naming the type, region or figure concerned. */
  message: string;
}

/** Where a price came from. */
export type PriceSource = 'catalog' | 'config';

/** The price of one node of a machine type. */
export interface NodePrice {
  cloud: MachineCloud;
  machineType: string;
  /** USD per hour, after configured discounts. */
  hourly: number;
  /** USD per month: hourly x 730, or less where the cloud caps a month (DigitalOcean, 672 hours). */
  monthly: number;
  /** The region whose price this is: the asked one, or the cloud's reference region. */
  region: string;
  source: PriceSource;
  estimated: boolean;
  notes: PriceNote[];
}

/** A price, or the reasons there is none. Never a silent 0. */
export type PriceLookup =
  | ({ known: true } & NodePrice)
  | { known: false; cloud?: MachineCloud; machineType: string; notes: PriceNote[] };

/** A pool's cost at one node count. */
export interface CostAtSize {
  nodes: number;
  hourly: number;
  monthly: number;
}

/** What a pool costs now and at both ends of its autoscaler range. */
export interface PoolCost {
  ref: string;
  provider: string;
  cluster: string;
  account?: string;
  region?: string;
  owner?: string;
  cloud?: MachineCloud;
  /** The machine type a node is priced at (the dearest when the pool has several). */
  machineType?: string;
  /** The price of one node; absent when unknown. */
  node?: NodePrice;
  /** At the pool's current node count; absent when the count or the price is unknown. */
  current?: CostAtSize;
  /** At the autoscaler's minimum (or the fixed count). */
  min?: CostAtSize;
  /** At the autoscaler's maximum; absent when the pool has no bound (Karpenter without limits). */
  max?: CostAtSize;
  /** True when a node price is known. */
  known: boolean;
  estimated: boolean;
  notes: PriceNote[];
}

/** A cluster's managed control-plane fee. */
export interface ControlPlaneCost {
  cloud: MachineCloud;
  tier: string;
  hourly: number;
  monthly: number;
  source: PriceSource;
  estimated: boolean;
  notes: PriceNote[];
}

export function note(code: PriceNoteCode, message: string): PriceNote {
  return { code, message };
}

/** Notes that make a figure an estimate; the others say a figure is missing. */
const ESTIMATE_CODES: ReadonlySet<PriceNoteCode> = new Set<PriceNoteCode>([
  'region-not-priced',
  'os-not-priced',
  'spot-discount-assumed',
  'spot-price-snapshot',
  'spot-not-offered',
  'mixed-capacity',
  'several-machine-types',
  'some-machine-types-unpriced',
  'limits-bound-max',
  'control-plane-tier-assumed',
  'free-tier-not-applied',
]);

/** True when a note makes a figure an estimate rather than saying one is missing. */
export function isEstimateNote(n: PriceNote): boolean {
  return ESTIMATE_CODES.has(n.code);
}
