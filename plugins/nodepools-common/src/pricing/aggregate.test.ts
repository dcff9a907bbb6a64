import { aggregateCosts, clusterKey, UNOWNED } from './aggregate';
import { readPricingOverrides } from './overrides';
import { poolCost, type PoolForCost } from './poolCost';

const base = {
  account: '111',
  region: 'us-east-1',
  cluster: 'prod',
  os: 'linux',
  capacityType: 'on-demand',
} as const;

const pools: PoolForCost[] = [
  // 3 x m5.large: 210.24 now, 140.16 at 2, 700.8 at 10
  { ...base, provider: 'eks', name: 'p1', owner: 'group:default/a', machineTypes: ['m5.large'], nodeCount: 3, autoscaling: { enabled: true, min: 2, max: 10 } },
  // no type and no nodes seen: unknown
  {
    ...base,
    provider: 'karpenter',
    name: 'p2',
    owner: 'group:default/a',
    machineTypes: [],
    requirements: [{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m5'] }],
    autoscaling: { enabled: true },
  },
  // 1 fixed m5.xlarge: 140.16
  { ...base, provider: 'eks', name: 'p3', owner: 'group:default/b', machineTypes: ['m5.xlarge'], nodeCount: 1, autoscaling: { enabled: false } },
  // priced, but no count and no maximum
  { ...base, provider: 'karpenter', name: 'p5', owner: 'group:default/b', machineTypes: ['m5.large'], autoscaling: { enabled: true } },
  // 3 x $24: 72 now, 24 at 1, 120 at 5
  { provider: 'doks', region: 'nyc1', cluster: 'web', name: 'p4', os: 'linux', capacityType: 'on-demand', machineTypes: ['s-2vcpu-4gb'], nodeCount: 3, autoscaling: { enabled: true, min: 1, max: 5 } },
];

const costs = pools.map(p => poolCost(p));
const refs = (list: Array<{ ref: string } | string>) => list.map(item => (typeof item === 'string' ? item : item.ref));

describe('aggregateCosts', () => {
  it('per owner: sums the priced pools and lists what is missing', () => {
    const groups = aggregateCosts(costs, 'owner');
    expect(groups.map(g => g.key)).toEqual(['group:default/a', 'group:default/b', UNOWNED]);
    const [a, b, none] = groups;

    expect(a).toMatchObject({ pools: 2, pricedPools: 1, currentMissing: [], maxUnbounded: [] });
    expect(a.current.monthly).toBeCloseTo(210.24, 9);
    expect(a.min.monthly).toBeCloseTo(140.16, 9);
    expect(a.max.monthly).toBeCloseTo(700.8, 9);
    expect(a.total.monthly).toBeCloseTo(210.24, 9);
    expect(refs(a.unknownPools)).toEqual(['karpenter/111/us-east-1/prod/p2']);
    expect(a.unknownPools[0].notes.map(n => n.code)).toEqual(['no-machine-type']);
    expect(a.controlPlane).toBeUndefined();

    // p3 140.16 + p5 (count unknown, min 0, no max)
    expect(b).toMatchObject({ pools: 2, pricedPools: 2, unknownPools: [] });
    expect(b.current.monthly).toBeCloseTo(140.16, 9);
    expect(b.min.monthly).toBeCloseTo(140.16, 9);
    expect(b.max.monthly).toBeCloseTo(140.16, 9);
    expect(refs(b.currentMissing)).toEqual(['karpenter/111/us-east-1/prod/p5']);
    expect(refs(b.maxUnbounded)).toEqual(['karpenter/111/us-east-1/prod/p5']);

    expect(none.current.monthly).toBeCloseTo(72, 9);
  });

  it('per cluster: EKS and Karpenter pools share a cluster and one control-plane fee', () => {
    const groups = aggregateCosts(costs, 'cluster');
    expect(groups.map(g => g.key)).toEqual(['aws/111/us-east-1/prod', 'digitalocean/-/nyc1/web']);
    const [prod, web] = groups;
    expect(prod.pools).toBe(4);
    // 210.24 + 140.16 = 350.4, plus EKS standard support 0.10 x 730 = 73
    expect(prod.current.monthly).toBeCloseTo(350.4, 9);
    expect(prod.controlPlane).toMatchObject({ cloud: 'aws', tier: 'standard', hourly: 0.1 });
    expect(prod.total.monthly).toBeCloseTo(423.4, 9);
    expect(prod.estimated).toBe(true); // the tier is assumed
    // DOKS: the control plane is free by default
    expect(web.total.monthly).toBeCloseTo(72, 9);
  });

  it('per cluster with known tiers and configured fees', () => {
    const groups = aggregateCosts(costs, 'cluster', {
      controlPlane: {
        overrides: readPricingOverrides({ aws: { controlPlaneHourly: 0.6 } }),
        tiers: { 'digitalocean/-/nyc1/web': 'ha' },
      },
    });
    const prod = groups.find(g => g.key === 'aws/111/us-east-1/prod')!;
    const web = groups.find(g => g.key === 'digitalocean/-/nyc1/web')!;
    expect(prod.total.monthly).toBeCloseTo(788.4, 9); // 350.4 + 0.60 x 730
    expect(web.total.monthly).toBeCloseTo(112, 9); // 72 + 40 for the HA control plane
    expect(web.estimated).toBe(false);
  });

  it('per cluster without fees', () => {
    const [prod] = aggregateCosts(costs, 'cluster', { controlPlane: false });
    expect(prod.controlPlane).toBeUndefined();
    expect(prod.total.monthly).toBeCloseTo(350.4, 9);
  });

  it('per provider: node costs only', () => {
    const groups = aggregateCosts(costs, 'provider');
    expect(groups.map(g => [g.key, Number(g.total.monthly.toFixed(4))])).toEqual([
      ['eks', 350.4],
      ['doks', 72],
      ['karpenter', 0],
    ]);
    const karpenter = groups[2];
    expect(refs(karpenter.unknownPools)).toEqual(['karpenter/111/us-east-1/prod/p2']);
    expect(karpenter.currentMissing).toHaveLength(1);
  });

  it("an owner's cost with a requested pool added (2 more m5.xlarge: 140.16 + 280.32)", () => {
    const request = poolCost({
      ...base,
      provider: 'eks',
      name: 'requested',
      owner: 'group:default/b',
      machineTypes: ['m5.xlarge'],
      nodeCount: 2,
      autoscaling: { enabled: true, min: 2, max: 4 },
    });
    const b = aggregateCosts([...costs, request], 'owner').find(g => g.key === 'group:default/b')!;
    expect(b.current.monthly).toBeCloseTo(420.48, 9);
    expect(b.max.monthly).toBeCloseTo(700.8, 9); // 140.16 + 4 x 140.16
  });
});

describe('clusterKey', () => {
  it('uses the cloud, so providers of one cluster meet', () => {
    expect(clusterKey({ cloud: 'aws', provider: 'karpenter', account: '1', region: 'r', cluster: 'c' })).toBe('aws/1/r/c');
    expect(clusterKey({ provider: 'kubernetes', cluster: 'lab' })).toBe('kubernetes/-/-/lab');
  });
});
