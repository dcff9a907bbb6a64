import { controlPlaneFee } from './controlPlane';
import { readPricingOverrides } from './overrides';

const codes = (notes: { code: string }[]) => notes.map(n => n.code);

describe('controlPlaneFee', () => {
  it.each([
    // cloud, tier, hourly, monthly (hand-computed), notes
    ['aws', 'standard', 0.1, 73, []], // 0.10 x 730
    ['aws', 'extended', 0.6, 438, []], // 0.60 x 730
    ['gcp', 'standard', 0.1, 73, ['free-tier-not-applied']],
    ['azure', 'free', 0, 0, []],
    ['azure', 'standard', 0.1, 73, []],
    ['digitalocean', 'free', 0, 0, []],
    ['digitalocean', 'ha', 40 / 672, 40, []], // $40 a month, prorated over 672 h
  ] as const)('%s %s: $%s/h, $%s/month', (cloud, tier, hourly, monthly, notes) => {
    const fee = controlPlaneFee(cloud, { tier });
    expect(fee.hourly).toBeCloseTo(hourly, 12);
    expect(fee.monthly).toBeCloseTo(monthly, 9);
    expect(codes(fee.notes)).toEqual(notes);
    expect(fee.estimated).toBe(notes.length > 0);
  });

  it.each([
    ['aws', 'standard', 73],
    ['azure', 'free', 0],
    ['digitalocean', 'free', 0],
  ] as const)("%s without a known tier: the default %s tier, flagged", (cloud, tier, monthly) => {
    const fee = controlPlaneFee(cloud);
    expect(fee.tier).toBe(tier);
    expect(fee.monthly).toBeCloseTo(monthly, 9);
    expect(codes(fee.notes)).toEqual(['control-plane-tier-assumed']);
  });

  it('GKE has one tier, so only its free tier is flagged', () => {
    expect(codes(controlPlaneFee('gcp').notes)).toEqual(['free-tier-not-applied']);
  });

  it("a configured fee replaces any tier's, per region first (0.08 x 730 = 58.4)", () => {
    const overrides = readPricingOverrides({
      aws: { controlPlaneHourly: 0.08, regions: { 'eu-west-1': { controlPlaneHourly: 0.09 } } },
      azure: { controlPlaneHourly: 0.6 },
    });
    const aws = controlPlaneFee('aws', { overrides, region: 'us-east-1' });
    expect(aws.monthly).toBeCloseTo(58.4, 9);
    expect(aws.source).toBe('config');
    expect(aws.estimated).toBe(false);
    expect(controlPlaneFee('aws', { overrides, region: 'eu-west-1' }).monthly).toBeCloseTo(65.7, 9); // 0.09 x 730
    // an AKS Premium tier cluster priced through config: 0.60 x 730
    expect(controlPlaneFee('azure', { overrides, tier: 'standard' }).monthly).toBeCloseTo(438, 9);
  });

  it('refuses a tier the cloud does not have', () => {
    expect(() => controlPlaneFee('aws', { tier: 'ha' })).toThrow(
      "aws has no control-plane tier 'ha'; its tiers are standard, extended",
    );
  });
});
