import { PricingConfigError, readPricingOverrides } from './overrides';

function errorOf(value: unknown): PricingConfigError {
  try {
    readPricingOverrides(value);
  } catch (error) {
    if (error instanceof PricingConfigError) return error;
    throw error;
  }
  throw new Error('expected a PricingConfigError');
}

describe('readPricingOverrides', () => {
  it('reads a full section', () => {
    const value = {
      aws: {
        discountPercent: 12.5,
        spotDiscountPercent: 65,
        controlPlaneHourly: 0.1,
        machineTypes: [
          { name: 'm5.large', hourly: 0.084, spotHourly: 0.033 },
          { name: 'p5.48xlarge', capacityBlockHourly: 31.464 },
        ],
        regions: { 'eu-west-1': { discountPercent: 15, machineTypes: [{ name: 'm5.large', hourly: 0.09 }] } },
      },
      azure: { machineTypes: [{ name: 'Standard_D4s_v5', windowsHourly: 0.376 }] },
      digitalocean: { controlPlaneHourly: 0 },
    };
    expect(readPricingOverrides(value)).toEqual(value);
  });

  it('treats an absent section as no overrides', () => {
    expect(readPricingOverrides(undefined)).toEqual({});
    expect(readPricingOverrides(null)).toEqual({});
  });

  it.each([
    [
      'a price that is not a number',
      { aws: { machineTypes: [{ name: 'a', hourly: 1 }, { name: 'b', hourly: 1 }, { name: 'c', hourly: 'x' }] } },
      'nodepools.pricing.aws.machineTypes[2].hourly',
      'must be a number of US dollars per hour, got "x"',
    ],
    [
      'a negative price',
      { gcp: { machineTypes: [{ name: 'e2-medium', spotHourly: -0.01 }] } },
      'nodepools.pricing.gcp.machineTypes[0].spotHourly',
      'must be 0 or more',
    ],
    [
      'a discount of 100%',
      { azure: { discountPercent: 100 } },
      'nodepools.pricing.azure.discountPercent',
      'must be less than 100',
    ],
    [
      'a negative Spot discount in a region',
      { aws: { regions: { 'eu-west-1': { spotDiscountPercent: -5 } } } },
      'nodepools.pricing.aws.regions.eu-west-1.spotDiscountPercent',
      'must be 0 or more',
    ],
    [
      'a row without a price',
      { aws: { machineTypes: [{ name: 'm5.large' }] } },
      'nodepools.pricing.aws.machineTypes[0]',
      'needs at least one of hourly, spotHourly, windowsHourly, capacityBlockHourly',
    ],
    [
      'a row without a name',
      { aws: { machineTypes: [{ hourly: 0.1 }] } },
      'nodepools.pricing.aws.machineTypes[0].name',
      'is required',
    ],
    [
      'a type listed twice',
      { aws: { machineTypes: [{ name: 'm5.large', hourly: 0.1 }, { name: 'm5.large', hourly: 0.2 }] } },
      'nodepools.pricing.aws.machineTypes[1].name',
      "'m5.large' is listed twice",
    ],
    [
      'a misspelt key',
      { aws: { discount: 10 } },
      'nodepools.pricing.aws.discount',
      'unknown key',
    ],
    [
      'a provider name instead of a cloud',
      { eks: { discountPercent: 10 } },
      'nodepools.pricing.eks',
      'unknown cloud; the clouds are aws, gcp, azure, digitalocean',
    ],
    [
      'machineTypes that is not a list',
      { aws: { machineTypes: { name: 'm5.large' } } },
      'nodepools.pricing.aws.machineTypes',
      'must be a list, got object',
    ],
    [
      'a cloud section that is not an object',
      { gcp: 'cheap' },
      'nodepools.pricing.gcp',
      'must be an object, got string',
    ],
    ['a section that is not an object', 'cheap', 'nodepools.pricing', 'must be an object, got string'],
  ])('names the key of %s', (_case, value, path, message) => {
    const error = errorOf(value);
    expect(error.path).toBe(path);
    expect(error.message).toBe(`${path}: ${message}`);
  });

  it('names the path it was given', () => {
    expect(() => readPricingOverrides({ aws: { controlPlaneHourly: 'free' } }, 'pricing')).toThrow(
      'pricing.aws.controlPlaneHourly: must be a number of US dollars per hour, got "free"',
    );
  });
});
