export { HOURS_PER_MONTH, PRICE_NOTE_CODES, isEstimateNote } from './types';
export type {
  ControlPlaneCost,
  CostAtSize,
  NodePrice,
  PoolCost,
  PriceLookup,
  PriceNote,
  PriceNoteCode,
  PriceSource,
} from './types';
export {
  readPricingOverrides,
  PricingConfigError,
} from './overrides';
export type {
  CloudPriceOverrides,
  MachineTypePriceOverride,
  PriceAdjustments,
  PricingOverrides,
} from './overrides';
export { hourlyPrice } from './hourlyPrice';
export type { HourlyPriceOptions } from './hourlyPrice';
export { controlPlaneFee, controlPlaneTiers } from './controlPlane';
export type { ControlPlaneOptions } from './controlPlane';
export {
  CONTROL_PLANE_TIERS,
  CONTROL_PLANE_FEES,
  DEFAULT_CONTROL_PLANE_TIER,
  GKE_FREE_TIER_MONTHLY_CREDIT,
} from './data/controlPlane';
export type { ControlPlaneTier, ControlPlaneFeeRow } from './data/controlPlane';
export { DEFAULT_SPOT_DISCOUNT_PERCENT } from './data/spot';
export {
  REFERENCE_REGIONS,
  DIGITALOCEAN_HOURS_PER_MONTH,
  billedHoursPerMonth,
  normalizeRegion,
} from './table';
export { poolCost, cloudOfPool } from './poolCost';
export type { PoolForCost, PoolCostOptions } from './poolCost';
export { nodeBounds, nodesWithinLimits } from './nodeBounds';
export type { NodeBounds } from './nodeBounds';
export { aggregateCosts, clusterKey, COST_GROUPINGS, UNOWNED } from './aggregate';
export type { AggregateOptions, CostGroup, CostGrouping, CostTotals } from './aggregate';
export { idleHeadroom } from './idle';
export type { IdleHeadroom } from './idle';
export { priceCoverage, UNPRICED_CATALOG_TYPES, PRICED_TYPES_NOT_IN_CATALOG } from './coverage';
export type { PriceCoverage } from './coverage';
