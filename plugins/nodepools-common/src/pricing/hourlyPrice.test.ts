import { hourlyPrice, type HourlyPriceOptions } from './hourlyPrice';
import { readPricingOverrides } from './overrides';

function known(machine: string, options: HourlyPriceOptions) {
  const price = hourlyPrice(machine, options);
  if (!price.known) throw new Error(`expected a price, got ${JSON.stringify(price.notes)}`);
  return price;
}

const codes = (notes: { code: string }[]) => notes.map(n => n.code);

describe('hourlyPrice: bundled list prices', () => {
  it.each([
    // cloud, type, region, hourly, monthly (hand-computed), region used
    ['aws', 'm5.large', 'us-east-1', 0.096, 70.08, 'us-east-1'], // 0.096 x 730
    ['aws', 'm5.large', 'us-east-1a', 0.096, 70.08, 'us-east-1'], // a zone is its region
    ['aws', 'g5.xlarge', 'us-east-1', 1.006, 734.38, 'us-east-1'], // 1.006 x 730
    ['gcp', 'e2-standard-4', 'us-central1', 0.13402, 97.8346, 'us-central1'], // 0.13402 x 730
    ['gcp', 'n1-standard-1', 'us-central1-b', 0.0475, 34.675, 'us-central1'], // 0.0475 x 730
    // the autoscaler inflates e2-micro to 0.03353 on purpose; the stated real price is used
    ['gcp', 'e2-micro', 'us-central1', 0.00838, 6.1174, 'us-central1'], // 0.00838 x 730
    ['azure', 'Standard_D4s_v5', 'eastus', 0.192, 140.16, 'eastus'], // 0.192 x 730
    ['azure', 'Standard_D4s_v5', 'westeurope', 0.23, 167.9, 'westeurope'], // 0.23 x 730
    ['azure', 'Standard_D4s_v5', 'West Europe', 0.23, 167.9, 'westeurope'], // display name normalized
    ['azure', 'Standard_B2s', 'chilecentral', 0.0582, 42.486, 'chilecentral'], // 0.0582 x 730
    // $24/month, billed up to 672 h: 24 / 672 per hour, 24 a month
    ['digitalocean', 's-2vcpu-4gb', 'nyc1', 24 / 672, 24, 'nyc1'],
    ['digitalocean', 'gpu-h100x1-80gb', 'tor1', 3281 / 672, 3281, 'tor1'],
  ] as const)('%s %s in %s: $%d/h, $%d/month', (cloud, type, region, hourly, monthly, used) => {
    const price = known(type, { cloud, region });
    expect(price.hourly).toBeCloseTo(hourly, 9);
    expect(price.monthly).toBeCloseTo(monthly, 9);
    expect(price.region).toBe(used);
    expect(price.source).toBe('catalog');
    expect(price.estimated).toBe(false);
    expect(price.notes).toEqual([]);
  });

  it.each([
    ['aws', 'm5.large', 'eu-west-1', 0.096, 'us-east-1'],
    ['gcp', 'e2-standard-4', 'europe-west1', 0.13402, 'us-central1'],
    // Standard_D4s_v3 has no chilecentral price: the eastus one
    ['azure', 'Standard_D4s_v3', 'chilecentral', 0.192, 'eastus'],
    ['aws', 'm5.large', undefined, 0.096, 'us-east-1'],
  ] as const)('%s %s in %s: the reference price, flagged', (cloud, type, region, hourly, used) => {
    const price = known(type, { cloud, region });
    expect(price.hourly).toBeCloseTo(hourly, 9);
    expect(price.region).toBe(used);
    expect(price.estimated).toBe(true);
    expect(codes(price.notes)).toEqual(['region-not-priced']);
  });

  it('has no price for a type no table has, and says how to set one', () => {
    const price = hourlyPrice('c4a-standard-4', { cloud: 'gcp', region: 'us-central1' });
    expect(price.known).toBe(false);
    expect(codes(price.notes)).toEqual(['machine-type-unpriced']);
    expect(price.notes[0].message).toContain('nodepools.pricing.gcp.machineTypes[].hourly');
  });

  it('looks a type up in its own cloud only', () => {
    expect(hourlyPrice('m5.large', { cloud: 'azure', region: 'eastus' }).known).toBe(false);
  });
});

describe('hourlyPrice: capacity types', () => {
  it('Spot without a Spot price: on-demand less the 60% default (0.096 x 0.4 = 0.0384/h, 28.032/month)', () => {
    const price = known('m5.large', { cloud: 'aws', region: 'us-east-1', capacityType: 'spot' });
    expect(price.hourly).toBeCloseTo(0.0384, 9);
    expect(price.monthly).toBeCloseTo(28.032, 9);
    expect(price.estimated).toBe(true);
    expect(codes(price.notes)).toEqual(['spot-discount-assumed']);
    expect(price.notes[0].message).toContain('60% (default assumption)');
  });

  it('Spot with a configured discount of 70%: 0.096 x 0.3 = 0.0288', () => {
    const overrides = readPricingOverrides({ aws: { spotDiscountPercent: 70 } });
    const price = known('m5.large', { cloud: 'aws', region: 'us-east-1', capacityType: 'spot', overrides });
    expect(price.hourly).toBeCloseTo(0.0288, 9);
    expect(price.notes[0].message).toContain('70% (configured assumption)');
  });

  it('Spot with a configured Spot price: that price, not estimated', () => {
    const overrides = readPricingOverrides({ aws: { machineTypes: [{ name: 'm5.large', spotHourly: 0.035 }] } });
    const price = known('m5.large', { cloud: 'aws', region: 'us-east-1', capacityType: 'spot', overrides });
    expect(price.hourly).toBe(0.035);
    expect(price.monthly).toBeCloseTo(25.55, 9); // 0.035 x 730
    expect(price.source).toBe('config');
    expect(price.estimated).toBe(false);
  });

  it('GKE Spot: the bundled Spot price of the type (e2-standard-4 0.04021/h, 29.3533/month)', () => {
    const price = known('e2-standard-4', { cloud: 'gcp', region: 'us-central1', capacityType: 'spot' });
    expect(price.hourly).toBeCloseTo(0.04021, 9);
    expect(price.monthly).toBeCloseTo(29.3533, 9);
    expect(codes(price.notes)).toEqual(['spot-price-snapshot']);
  });

  it('GKE Spot of a type without a bundled Spot price: the 60% default (0.18 x 0.4 = 0.072)', () => {
    const overrides = readPricingOverrides({ gcp: { machineTypes: [{ name: 'c4a-standard-4', hourly: 0.18 }] } });
    const price = known('c4a-standard-4', { cloud: 'gcp', region: 'us-central1', capacityType: 'spot', overrides });
    expect(price.hourly).toBeCloseTo(0.072, 9);
    expect(codes(price.notes)).toEqual(['spot-discount-assumed']);
  });

  it('Azure Spot: the 60% default on the regional price (0.23 x 0.4 = 0.092)', () => {
    const price = known('Standard_D4s_v5', { cloud: 'azure', region: 'westeurope', capacityType: 'spot' });
    expect(price.hourly).toBeCloseTo(0.092, 9);
  });

  it('DigitalOcean has no Spot: on-demand, flagged', () => {
    const price = known('s-2vcpu-4gb', { cloud: 'digitalocean', capacityType: 'spot' });
    expect(price.monthly).toBeCloseTo(24, 9);
    expect(codes(price.notes)).toEqual(['spot-not-offered']);
  });

  it('mixed (Karpenter spot and on-demand): on-demand as the upper bound', () => {
    const price = known('m5.large', { cloud: 'aws', region: 'us-east-1', capacityType: 'mixed' });
    expect(price.hourly).toBeCloseTo(0.096, 9);
    expect(codes(price.notes)).toEqual(['mixed-capacity']);
  });

  it('capacity blocks: unknown unless configured', () => {
    const price = hourlyPrice('p5.48xlarge', { cloud: 'aws', region: 'us-east-1', capacityType: 'capacity-block' });
    expect(price.known).toBe(false);
    expect(codes(price.notes)).toEqual(['capacity-block-not-priced']);

    const overrides = readPricingOverrides({
      aws: { machineTypes: [{ name: 'p5.48xlarge', capacityBlockHourly: 31.464 }] },
    });
    const configured = known('p5.48xlarge', {
      cloud: 'aws',
      region: 'us-east-1',
      capacityType: 'capacity-block',
      overrides,
    });
    expect(configured.hourly).toBe(31.464);
    expect(configured.monthly).toBeCloseTo(22968.72, 6); // 31.464 x 730
    expect(configured.estimated).toBe(false);
  });
});

describe('hourlyPrice: operating system', () => {
  it('Windows without a Windows price: the Linux rate as a lower bound, flagged', () => {
    const price = known('Standard_D4s_v5', { cloud: 'azure', region: 'eastus', os: 'windows' });
    expect(price.hourly).toBeCloseTo(0.192, 9);
    expect(codes(price.notes)).toEqual(['os-not-priced']);
    expect(price.notes[0].message).toContain('lower bound');
  });

  it('Windows with a configured Windows price (0.376 x 730 = 274.48)', () => {
    const overrides = readPricingOverrides({
      azure: { machineTypes: [{ name: 'Standard_D4s_v5', windowsHourly: 0.376 }] },
    });
    const price = known('Standard_D4s_v5', { cloud: 'azure', region: 'eastus', os: 'windows', overrides });
    expect(price.hourly).toBe(0.376);
    expect(price.monthly).toBeCloseTo(274.48, 9);
    expect(price.estimated).toBe(false);
  });

  it('Windows Spot with a Windows price: 0.376 less 60% = 0.1504', () => {
    const overrides = readPricingOverrides({
      azure: { machineTypes: [{ name: 'Standard_D4s_v5', windowsHourly: 0.376 }] },
    });
    const price = known('Standard_D4s_v5', {
      cloud: 'azure',
      region: 'eastus',
      os: 'windows',
      capacityType: 'spot',
      overrides,
    });
    expect(price.hourly).toBeCloseTo(0.1504, 9);
    expect(codes(price.notes)).toEqual(['spot-discount-assumed']);
  });
});

describe('hourlyPrice: configured rates', () => {
  it('a negotiated 10% discount applies to list prices: 0.096 x 0.9 = 0.0864', () => {
    const overrides = readPricingOverrides({ aws: { discountPercent: 10 } });
    const price = known('m5.large', { cloud: 'aws', region: 'us-east-1', overrides });
    expect(price.hourly).toBeCloseTo(0.0864, 9);
    expect(price.monthly).toBeCloseTo(63.072, 9); // 0.0864 x 730
    expect(price.source).toBe('catalog');
  });

  it('the discount and the Spot default compound: 0.096 x 0.9 x 0.4 = 0.03456', () => {
    const overrides = readPricingOverrides({ aws: { discountPercent: 10 } });
    const price = known('m5.large', { cloud: 'aws', region: 'us-east-1', capacityType: 'spot', overrides });
    expect(price.hourly).toBeCloseTo(0.03456, 9);
  });

  it('the discount applies to a bundled Spot price: 0.04021 x 0.9 = 0.036189', () => {
    const overrides = readPricingOverrides({ gcp: { discountPercent: 10 } });
    const price = known('e2-standard-4', { cloud: 'gcp', region: 'us-central1', capacityType: 'spot', overrides });
    expect(price.hourly).toBeCloseTo(0.036189, 9);
  });

  it('a configured price is used as is, without the discount', () => {
    const overrides = readPricingOverrides({
      aws: { discountPercent: 10, machineTypes: [{ name: 'm5.large', hourly: 0.08 }] },
    });
    const price = known('m5.large', { cloud: 'aws', region: 'eu-west-1', overrides });
    expect(price.hourly).toBe(0.08);
    expect(price.source).toBe('config');
    expect(price.estimated).toBe(false);
  });

  it("a region's settings win over the cloud's, and other regions keep the cloud's", () => {
    const overrides = readPricingOverrides({
      aws: {
        discountPercent: 10,
        regions: { 'eu-west-1': { discountPercent: 20, machineTypes: [{ name: 'm5.xlarge', hourly: 0.214 }] } },
      },
    });
    const inRegion = known('m5.xlarge', { cloud: 'aws', region: 'eu-west-1b', overrides });
    expect(inRegion.hourly).toBe(0.214);
    expect(inRegion.region).toBe('eu-west-1');
    expect(inRegion.estimated).toBe(false);
    // m5.large in eu-west-1: list 0.096 less the region's 20% = 0.0768, still the us-east-1 list price
    const listed = known('m5.large', { cloud: 'aws', region: 'eu-west-1', overrides });
    expect(listed.hourly).toBeCloseTo(0.0768, 9);
    expect(codes(listed.notes)).toEqual(['region-not-priced']);
    // us-east-1 keeps the cloud's 10%: 0.192 x 0.9 = 0.1728
    expect(known('m5.xlarge', { cloud: 'aws', region: 'us-east-1', overrides }).hourly).toBeCloseTo(0.1728, 9);
  });

  it('prices a type no table has once configured', () => {
    const overrides = readPricingOverrides({ gcp: { machineTypes: [{ name: 'c4a-standard-4', hourly: 0.18 }] } });
    const price = known('c4a-standard-4', { cloud: 'gcp', region: 'us-central1', overrides });
    expect(price.monthly).toBeCloseTo(131.4, 9); // 0.18 x 730
  });

  it('a type with only a capacity-block price has no on-demand price (never 0)', () => {
    const overrides = readPricingOverrides({ aws: { machineTypes: [{ name: 'x9.huge', capacityBlockHourly: 12 }] } });
    const price = hourlyPrice('x9.huge', { cloud: 'aws', region: 'us-east-1', overrides });
    expect(price.known).toBe(false);
    expect(codes(price.notes)).toEqual(['machine-type-unpriced']);
  });

  it('a type with only a Spot price prices Spot pools', () => {
    const overrides = readPricingOverrides({ gcp: { machineTypes: [{ name: 'c4a-standard-8', spotHourly: 0.11 }] } });
    expect(hourlyPrice('c4a-standard-8', { cloud: 'gcp', region: 'us-central1', overrides }).known).toBe(false);
    const spot = known('c4a-standard-8', { cloud: 'gcp', region: 'us-central1', capacityType: 'spot', overrides });
    expect(spot.monthly).toBeCloseTo(80.3, 9); // 0.11 x 730
    expect(spot.estimated).toBe(false);
  });

  it('a configured Windows price applies in any region, not flagged', () => {
    const overrides = readPricingOverrides({
      aws: { machineTypes: [{ name: 'm5.large', windowsHourly: 0.188 }] },
    });
    const price = known('m5.large', { cloud: 'aws', region: 'eu-west-1', os: 'windows', overrides });
    expect(price).toMatchObject({ hourly: 0.188, region: 'eu-west-1', estimated: false, notes: [] });
  });

  it('a Spot discount configured for DigitalOcean changes nothing: it has no Spot', () => {
    const overrides = readPricingOverrides({ digitalocean: { spotDiscountPercent: 50 } });
    const price = known('c-4', { cloud: 'digitalocean', capacityType: 'spot', overrides });
    expect(price.monthly).toBeCloseTo(84, 9);
    expect(codes(price.notes)).toEqual(['spot-not-offered']);
  });

  it('accepts a machine type object', () => {
    const price = hourlyPrice({ name: 'm5.large' }, { cloud: 'aws', region: 'us-east-1' });
    expect(price.known && price.hourly).toBeCloseTo(0.096, 9);
  });
});
