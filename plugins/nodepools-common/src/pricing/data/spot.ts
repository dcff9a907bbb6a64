/**
 * Spot capacity is priced by the market and moves (AWS hourly, Azure with
 * demand, Google Cloud up to once every 30 days), so where no Spot price is
 * bundled or configured, a Spot node is priced as its on-demand price less a
 * default discount. The clouds state ranges, not a figure:
 *
 * - Google Cloud (GKE and Compute Engine Spot VM pricing pages): Spot prices
 *   "always provide discounts of 60-91%" off the on-demand price.
 * - AWS (EC2 Spot pricing page): "up to 90%" off on-demand.
 * - Azure (Spot Virtual Machines page): "up to 90%" off pay-as-you-go.
 *
 * The default takes 60%, the low end of the one stated range, for every
 * cloud: an estimate that errs towards the higher cost, which is what a
 * quota check wants. `nodepools.pricing.<cloud>.spotDiscountPercent` sets
 * another figure; `machineTypes[].spotHourly` sets a type's own price.
 * DigitalOcean has no Spot capacity.
 */
import type { MachineCloud } from '../../machines';

export const DEFAULT_SPOT_DISCOUNT_PERCENT: Record<MachineCloud, number | undefined> = {
  aws: 60,
  gcp: 60,
  azure: 60,
  digitalocean: undefined,
};
