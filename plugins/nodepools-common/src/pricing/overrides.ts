import { z } from 'zod';
import { MACHINE_CLOUDS, type MachineCloud } from '../machines/types';

/** A machine type's own prices, USD per hour, as an organisation pays them. */
export interface MachineTypePriceOverride {
  name: string;
  /** Linux on-demand. */
  hourly?: number;
  /** Spot; without it Spot is derived from the on-demand price. */
  spotHourly?: number;
  /** Windows on-demand, licence included. */
  windowsHourly?: number;
  /** EC2 Capacity Blocks for ML: the reservation's price per instance hour. */
  capacityBlockHourly?: number;
}

/** What config may change for a cloud, or for one region of it. */
export interface PriceAdjustments {
  machineTypes?: MachineTypePriceOverride[];
  /** A negotiated discount applied to every bundled list price (not to configured prices), 0-99.99. */
  discountPercent?: number;
  /** The Spot discount assumed where no Spot price is known, 0-99.99. */
  spotDiscountPercent?: number;
  /** The managed control plane's fee, USD per cluster per hour, replacing the bundled fee of any tier. */
  controlPlaneHourly?: number;
}

export interface CloudPriceOverrides extends PriceAdjustments {
  /** Region-specific settings (keys as the cloud spells regions: `eu-west-1`, `europe-west4`, `westeurope`). */
  regions?: Record<string, PriceAdjustments>;
}

/** `nodepools.pricing` once validated. */
export type PricingOverrides = Partial<Record<MachineCloud, CloudPriceOverrides>>;

/** `nodepools.pricing` that cannot be used; `path` names the offending key. */
export class PricingConfigError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'PricingConfigError';
    this.path = path;
  }
}

const usdPerHour = z
  .number({ invalid_type_error: 'must be a number of US dollars per hour' })
  .finite()
  .nonnegative('must be 0 or more');

const percent = z
  .number({ invalid_type_error: 'must be a percentage (a number from 0 to less than 100)' })
  .min(0, 'must be 0 or more')
  .lt(100, 'must be less than 100');

const machineTypeOverride = z
  .object({
    name: z.string({ required_error: 'is required' }).trim().min(1, 'must not be empty'),
    hourly: usdPerHour.optional(),
    spotHourly: usdPerHour.optional(),
    windowsHourly: usdPerHour.optional(),
    capacityBlockHourly: usdPerHour.optional(),
  })
  .strict()
  .refine(
    row =>
      [row.hourly, row.spotHourly, row.windowsHourly, row.capacityBlockHourly].some(
        price => price !== undefined,
      ),
    { message: 'needs at least one of hourly, spotHourly, windowsHourly, capacityBlockHourly' },
  );

const adjustments = z
  .object({
    machineTypes: z
      .array(machineTypeOverride)
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, index) => {
          if (seen.has(row.name)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [index, 'name'],
              message: `'${row.name}' is listed twice`,
            });
          }
          seen.add(row.name);
        });
      })
      .optional(),
    discountPercent: percent.optional(),
    spotDiscountPercent: percent.optional(),
    controlPlaneHourly: usdPerHour.optional(),
  })
  .strict();

const cloudOverrides = adjustments.extend({ regions: z.record(adjustments).optional() }).strict();

const pricingSchema = z
  .object(Object.fromEntries(MACHINE_CLOUDS.map(cloud => [cloud, cloudOverrides.optional()])))
  .strict();

function pathOf(base: string, segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : `${path}.${segment}`),
    base,
  );
}

function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function messageOf(issue: z.ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') {
    return 'is required';
  }
  if (issue.code === 'invalid_type' && issue.expected === 'object') {
    return `must be an object, got ${issue.received}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'array') {
    return `must be a list, got ${issue.received}`;
  }
  if (issue.code === 'invalid_type') {
    return `${issue.message}, got ${JSON.stringify(valueAt(input, issue.path))}`;
  }
  return issue.message;
}

/**
 * Validates `nodepools.pricing` as read from config (a plain object, or
 * undefined when the section is absent). Throws PricingConfigError naming the
 * first bad key, e.g. `nodepools.pricing.aws.machineTypes[2].hourly`.
 */
export function readPricingOverrides(
  value: unknown,
  path: string = 'nodepools.pricing',
): PricingOverrides {
  if (value === undefined || value === null) return {};
  const parsed = pricingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      const message =
        issue.path.length === 0
          ? `unknown cloud; the clouds are ${MACHINE_CLOUDS.join(', ')}`
          : 'unknown key';
      throw new PricingConfigError(pathOf(path, [...issue.path, issue.keys[0]]), message);
    }
    throw new PricingConfigError(pathOf(path, issue.path), messageOf(issue, value));
  }
  return parsed.data as PricingOverrides;
}
