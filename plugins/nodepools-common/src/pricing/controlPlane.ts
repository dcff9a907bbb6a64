import type { MachineCloud } from '../machines/types';
import {
  CONTROL_PLANE_FEES,
  DEFAULT_CONTROL_PLANE_TIER,
  GKE_FREE_TIER_MONTHLY_CREDIT,
  type ControlPlaneTier,
} from './data/controlPlane';
import { resolveAdjustments } from './hourlyPrice';
import type { PricingOverrides } from './overrides';
import { billedHoursPerMonth } from './table';
import { note, type ControlPlaneCost, type PriceNote } from './types';

export interface ControlPlaneOptions {
  /** The cluster's tier when known; each cloud's default for a new cluster otherwise (flagged). */
  tier?: ControlPlaneTier;
  region?: string;
  overrides?: PricingOverrides;
}

/** The tiers a cloud's bundled fees know. */
export function controlPlaneTiers(cloud: MachineCloud): ControlPlaneTier[] {
  return CONTROL_PLANE_FEES.filter(row => row.cloud === cloud).map(row => row.tier);
}

/**
 * A cluster's managed control-plane fee: `controlPlaneHourly` from config when
 * set, else the bundled fee of the cluster's tier. Throws a RangeError for a
 * tier the cloud does not have (`ha` on AWS).
 */
export function controlPlaneFee(cloud: MachineCloud, options: ControlPlaneOptions = {}): ControlPlaneCost {
  const tier = options.tier ?? DEFAULT_CONTROL_PLANE_TIER[cloud];
  const row = CONTROL_PLANE_FEES.find(fee => fee.cloud === cloud && fee.tier === tier);
  if (!row) {
    throw new RangeError(
      `${cloud} has no control-plane tier '${tier}'; its tiers are ${controlPlaneTiers(cloud).join(', ')}`,
    );
  }
  const adjustments = resolveAdjustments(cloud, options.region, options.overrides);
  const configured = adjustments.regional?.controlPlaneHourly ?? adjustments.cloud?.controlPlaneHourly;
  if (configured !== undefined) {
    return {
      cloud,
      tier,
      hourly: configured,
      monthly: configured * billedHoursPerMonth(cloud),
      source: 'config',
      estimated: false,
      notes: [],
    };
  }
  const notes: PriceNote[] = [];
  if (options.tier === undefined && controlPlaneTiers(cloud).length > 1) {
    notes.push(
      note(
        'control-plane-tier-assumed',
        `the cluster's tier is not known: priced at the ${tier} tier, ${cloud}'s default`,
      ),
    );
  }
  if (cloud === 'gcp') {
    notes.push(
      note(
        'free-tier-not-applied',
        `GKE's free tier ($${GKE_FREE_TIER_MONTHLY_CREDIT} of monthly credit per billing account, for one zonal or Autopilot cluster) is not subtracted`,
      ),
    );
  }
  return {
    cloud,
    tier,
    hourly: row.hourly,
    monthly: row.monthly ?? row.hourly * billedHoursPerMonth(cloud),
    source: 'catalog',
    estimated: notes.length > 0,
    notes,
  };
}
