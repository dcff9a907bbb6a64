import type { MachineCloud } from '../machines/types';
import type { CapacityType, OperatingSystem } from '../model/pool';
import { DEFAULT_SPOT_DISCOUNT_PERCENT } from './data/spot';
import type {
  CloudPriceOverrides,
  MachineTypePriceOverride,
  PriceAdjustments,
  PricingOverrides,
} from './overrides';
import {
  REFERENCE_REGIONS,
  billedHoursPerMonth,
  bundledListPrice,
  normalizeRegion,
} from './table';
import { isEstimateNote, note, type PriceLookup, type PriceNote, type PriceSource } from './types';

export interface HourlyPriceOptions {
  cloud: MachineCloud;
  /** The pool's region or zone; the reference region's price is used (and flagged) when it has none. */
  region?: string;
  /** Default linux. */
  os?: OperatingSystem;
  /** Default on-demand. */
  capacityType?: CapacityType;
  /** `nodepools.pricing`, as readPricingOverrides returns it. */
  overrides?: PricingOverrides;
}

/** The config that applies to one cloud and region: the region's settings first, then the cloud's. */
export interface ResolvedAdjustments {
  region?: string;
  cloud?: CloudPriceOverrides;
  regional?: PriceAdjustments;
}

export function resolveAdjustments(
  cloud: MachineCloud,
  region: string | undefined,
  overrides: PricingOverrides | undefined,
): ResolvedAdjustments {
  const normalized = normalizeRegion(cloud, region);
  const cloudOverrides = overrides?.[cloud];
  const regional =
    normalized === undefined
      ? undefined
      : Object.entries(cloudOverrides?.regions ?? {}).find(
          ([key]) => normalizeRegion(cloud, key) === normalized,
        )?.[1];
  return { region: normalized, cloud: cloudOverrides, regional };
}

function setting<K extends keyof PriceAdjustments>(
  adjustments: ResolvedAdjustments,
  key: K,
): PriceAdjustments[K] {
  return adjustments.regional?.[key] ?? adjustments.cloud?.[key];
}

/** A type's configured prices: the region's row field by field, then the cloud's row. */
function typeOverride(
  adjustments: ResolvedAdjustments,
  name: string,
): Omit<MachineTypePriceOverride, 'name'> {
  const regional = adjustments.regional?.machineTypes?.find(row => row.name === name);
  const general = adjustments.cloud?.machineTypes?.find(row => row.name === name);
  return {
    hourly: regional?.hourly ?? general?.hourly,
    spotHourly: regional?.spotHourly ?? general?.spotHourly,
    windowsHourly: regional?.windowsHourly ?? general?.windowsHourly,
    capacityBlockHourly: regional?.capacityBlockHourly ?? general?.capacityBlockHourly,
  };
}

const usd = (value: number) => `$${Number(value.toFixed(6))}`;

interface Base {
  hourly: number;
  source: PriceSource;
  region: string;
  /** The bundled Spot price, discounted like the on-demand one, when it applies. */
  spotHourly?: number;
}

/** The Linux on-demand price: configured, else bundled less the negotiated discount. */
function basePrice(
  cloud: MachineCloud,
  name: string,
  adjustments: ResolvedAdjustments,
  configured: Omit<MachineTypePriceOverride, 'name'>,
  notes: PriceNote[],
): Base | undefined {
  const region = adjustments.region;
  const list = bundledListPrice(cloud, name, region);
  const discount = 1 - (setting(adjustments, 'discountPercent') ?? 0) / 100;
  const spotHourly = list?.spotHourly === undefined ? undefined : list.spotHourly * discount;
  if (configured.hourly !== undefined) {
    return {
      hourly: configured.hourly,
      source: 'config',
      region: region ?? REFERENCE_REGIONS[cloud],
      spotHourly,
    };
  }
  if (!list) return undefined;
  if (!list.regionPriced) {
    notes.push(
      note(
        'region-not-priced',
        region === undefined
          ? `the region is not known: priced at the ${list.region} list price`
          : `no bundled price for ${name} in ${region}: priced at the ${list.region} list price`,
      ),
    );
  }
  return { hourly: list.hourly * discount, source: 'catalog', region: list.region, spotHourly };
}

/**
 * The price of one node of a machine type, from config (`nodepools.pricing`)
 * or the bundled tables. Never a silent 0: a type with no price comes back
 * `known: false` with the reasons. Every assumption (region, OS, Spot
 * discount, mixed capacity) is a note and makes the price `estimated`.
 */
export function hourlyPrice(
  machine: string | { name: string },
  options: HourlyPriceOptions,
): PriceLookup {
  const name = typeof machine === 'string' ? machine : machine.name;
  const { cloud, os = 'linux', capacityType = 'on-demand' } = options;
  const adjustments = resolveAdjustments(cloud, options.region, options.overrides);
  const configured = typeOverride(adjustments, name);
  const notes: PriceNote[] = [];
  const unknown = (...reasons: PriceNote[]): PriceLookup => ({
    known: false,
    cloud,
    machineType: name,
    notes: reasons,
  });

  const priced = (hourly: number, source: PriceSource, region: string): PriceLookup => ({
    known: true,
    cloud,
    machineType: name,
    hourly,
    monthly: hourly * billedHoursPerMonth(cloud),
    region,
    source,
    estimated: notes.some(isEstimateNote),
    notes,
  });
  const configuredRegion = adjustments.region ?? REFERENCE_REGIONS[cloud];

  if (capacityType === 'capacity-block') {
    if (configured.capacityBlockHourly === undefined) {
      return unknown(
        note(
          'capacity-block-not-priced',
          `capacity blocks are priced per reservation: set nodepools.pricing.${cloud}.machineTypes[].capacityBlockHourly for ${name}`,
        ),
      );
    }
    return priced(configured.capacityBlockHourly, 'config', configuredRegion);
  }

  const baseNotes: PriceNote[] = [];
  const base = basePrice(cloud, name, adjustments, configured, baseNotes);
  const windowsConfigured = os === 'windows' && configured.windowsHourly !== undefined;
  const onDemand: Base | undefined = windowsConfigured
    ? { hourly: configured.windowsHourly!, source: 'config', region: configuredRegion }
    : base;
  const linuxForWindows = note(
    'os-not-priced',
    `no Windows price for ${name}: priced at the Linux rate, without the Windows licence (a lower bound)`,
  );
  if (capacityType === 'spot' && configured.spotHourly !== undefined) {
    if (os === 'windows' && !windowsConfigured) notes.push(linuxForWindows);
    return priced(configured.spotHourly, 'config', configuredRegion);
  }
  if (!onDemand) {
    return unknown(
      note(
        'machine-type-unpriced',
        `no bundled or configured ${cloud} price for ${name}: set nodepools.pricing.${cloud}.machineTypes[].hourly`,
      ),
    );
  }
  if (!windowsConfigured) notes.push(...baseNotes);
  if (os === 'windows' && !windowsConfigured) notes.push(linuxForWindows);
  if (capacityType === 'mixed') {
    notes.push(
      note('mixed-capacity', 'Spot and on-demand are both allowed: priced on-demand (an upper bound)'),
    );
  }
  if (capacityType === 'spot') {
    const spot = spotPrice(cloud, name, onDemand, base, windowsConfigured, adjustments, notes);
    return priced(spot.hourly, spot.source, onDemand.region);
  }
  return priced(onDemand.hourly, onDemand.source, onDemand.region);
}

/** Spot without a configured Spot price: the bundled one, else on-demand less the Spot discount. */
function spotPrice(
  cloud: MachineCloud,
  name: string,
  onDemand: { hourly: number; source: PriceSource },
  base: Base | undefined,
  windowsConfigured: boolean,
  adjustments: ResolvedAdjustments,
  notes: PriceNote[],
): { hourly: number; source: PriceSource } {
  const defaultDiscount = DEFAULT_SPOT_DISCOUNT_PERCENT[cloud];
  if (defaultDiscount === undefined) {
    notes.push(note('spot-not-offered', `${cloud} has no Spot capacity: priced on-demand`));
    return onDemand;
  }
  if (base?.spotHourly !== undefined && !windowsConfigured) {
    notes.push(
      note(
        'spot-price-snapshot',
        `Spot prices move; this is the bundled ${base.region} Spot price of ${name} (${usd(base.spotHourly)}/h)`,
      ),
    );
    return { hourly: base.spotHourly, source: 'catalog' };
  }
  const configuredDiscount = setting(adjustments, 'spotDiscountPercent');
  const discount = configuredDiscount ?? defaultDiscount;
  notes.push(
    note(
      'spot-discount-assumed',
      `Spot priced as on-demand less ${discount}% (${configuredDiscount === undefined ? 'default' : 'configured'} assumption)`,
    ),
  );
  return { hourly: onDemand.hourly * (1 - discount / 100), source: onDemand.source };
}
