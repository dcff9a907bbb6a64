import { createMachineCatalog } from '../machines/catalog';
import { readPricingOverrides } from './overrides';
import { cloudOfPool, poolCost, type PoolForCost } from './poolCost';

const codes = (notes: { code: string }[]) => notes.map(n => n.code);

function pool(overrides: Partial<PoolForCost>): PoolForCost {
  return {
    ref: 'eks/111/us-east-1/prod/general',
    provider: 'eks',
    account: '111',
    region: 'us-east-1',
    cluster: 'prod',
    name: 'general',
    os: 'linux',
    capacityType: 'on-demand',
    machineTypes: ['m5.large'],
    nodeCount: 3,
    autoscaling: { enabled: true, min: 2, max: 10 },
    ...overrides,
  };
}

describe('poolCost', () => {
  it('an EKS group of m5.large, 3 nodes in 2..10: 3 x 70.08 = 210.24, 2 x = 140.16, 10 x = 700.8 a month', () => {
    const cost = poolCost(pool({}));
    expect(cost).toMatchObject({ known: true, estimated: false, cloud: 'aws', machineType: 'm5.large', notes: [] });
    expect(cost.current?.nodes).toBe(3);
    expect(cost.current?.hourly).toBeCloseTo(0.288, 9); // 3 x 0.096
    expect(cost.current?.monthly).toBeCloseTo(210.24, 9);
    expect(cost.min).toMatchObject({ nodes: 2 });
    expect(cost.min?.monthly).toBeCloseTo(140.16, 9);
    expect(cost.max).toMatchObject({ nodes: 10 });
    expect(cost.max?.monthly).toBeCloseTo(700.8, 9);
  });

  it('several types: a node at the dearest, m5.xlarge (2 x 140.16 = 280.32)', () => {
    const cost = poolCost(
      pool({ machineTypes: ['m5.large', 'm5.xlarge', 'c5.large'], nodeCount: 2, autoscaling: { enabled: false } }),
    );
    expect(cost.machineType).toBe('m5.xlarge');
    expect(cost.current?.monthly).toBeCloseTo(280.32, 9);
    expect(cost.min?.nodes).toBe(2);
    expect(cost.max?.nodes).toBe(2);
    expect(cost.estimated).toBe(true);
    expect(codes(cost.notes)).toEqual(['several-machine-types']);
  });

  it('an unpriced type among priced ones is left out and named', () => {
    const cost = poolCost(pool({ machineTypes: ['m5.large', 'x9.huge'] }));
    expect(cost.machineType).toBe('m5.large');
    expect(codes(cost.notes)).toEqual(['some-machine-types-unpriced', 'machine-type-unpriced']);
    expect(cost.estimated).toBe(true);
  });

  it('AKS Spot, 2 fixed nodes of Standard_D4s_v5 in eastus: 0.192 x 0.4 x 730 = 56.064 each, 112.128', () => {
    const cost = poolCost(
      pool({
        provider: 'aks',
        region: 'eastus',
        machineTypes: ['Standard_D4s_v5'],
        capacityType: 'spot',
        nodeCount: 2,
        autoscaling: { enabled: false },
      }),
    );
    expect(cost.cloud).toBe('azure');
    expect(cost.node?.monthly).toBeCloseTo(56.064, 9);
    expect(cost.current?.monthly).toBeCloseTo(112.128, 9);
    expect(codes(cost.notes)).toEqual(['spot-discount-assumed']);
  });

  it('DOKS s-2vcpu-4gb, 3 nodes in 1..5: $24 each a month: 72, 24, 120', () => {
    const cost = poolCost(
      pool({
        provider: 'doks',
        region: 'nyc1',
        machineTypes: ['s-2vcpu-4gb'],
        autoscaling: { enabled: true, min: 1, max: 5 },
      }),
    );
    expect(cost.current?.monthly).toBeCloseTo(72, 9);
    expect(cost.current?.hourly).toBeCloseTo(72 / 672, 9);
    expect(cost.min?.monthly).toBeCloseTo(24, 9);
    expect(cost.max?.monthly).toBeCloseTo(120, 9);
    expect(cost.estimated).toBe(false);
  });

  it('GKE without a node count, 0..6, outside us-central1: no current cost; max 6 x 97.8346 = 587.0076', () => {
    const cost = poolCost(
      pool({
        provider: 'gke',
        region: 'europe-west1',
        machineTypes: ['e2-standard-4'],
        nodeCount: undefined,
        autoscaling: { enabled: true, min: 0, max: 6 },
      }),
    );
    expect(cost.known).toBe(true);
    expect(cost.current).toBeUndefined();
    expect(cost.min?.monthly).toBe(0);
    expect(cost.max?.monthly).toBeCloseTo(587.0076, 9);
    expect(codes(cost.notes)).toEqual(['region-not-priced', 'node-count-unknown']);
  });

  it("takes the observed node count when the provider's is absent", () => {
    const cost = poolCost(
      pool({
        nodeCount: undefined,
        autoscaling: { enabled: false },
        observed: {
          nodeCount: 4,
          readyCount: 4,
          kubeletVersions: [],
          osImages: [],
          zones: [],
          allocatable: {},
          requested: {},
          observedAt: '2026-08-01T00:00:00Z',
        },
      }),
    );
    expect(cost.current?.monthly).toBeCloseTo(280.32, 9); // 4 x 70.08
  });

  it('a Karpenter pool with requirements only and no nodes seen: unknown, with the reason', () => {
    const cost = poolCost(
      pool({
        provider: 'karpenter',
        machineTypes: [],
        requirements: [{ key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['m', 'c'] }],
        nodeCount: undefined,
        autoscaling: { enabled: true },
      }),
    );
    expect(cost.known).toBe(false);
    expect(cost.cloud).toBe('aws');
    expect(cost.current).toBeUndefined();
    expect(codes(cost.notes)).toEqual(['no-machine-type']);
    expect(cost.notes[0].message).toContain('requirements only');
  });

  it("a Karpenter pool priced by its nodes' types: 2 x 70.08 + 1 x 140.16 = 280.32 now; limits memory 32Gi allow 4 nodes", () => {
    const cost = poolCost(
      pool({
        provider: 'karpenter',
        machineTypes: [],
        nodeCount: undefined,
        autoscaling: { enabled: true },
        limits: { cpu: '16', memory: '32Gi' },
      }),
      { observedMachineTypes: { 'm5.large': 2, 'm5.xlarge': 1 } },
    );
    expect(cost.current).toMatchObject({ nodes: 3 });
    expect(cost.current?.monthly).toBeCloseTo(280.32, 9);
    expect(cost.min).toMatchObject({ nodes: 0, monthly: 0 });
    // cpu: 16 / 2 vCPU = 8 nodes; memory: 32Gi / 8Gi = 4 nodes; at the dearest (m5.xlarge) 4 x 140.16
    expect(cost.max?.nodes).toBe(4);
    expect(cost.max?.monthly).toBeCloseTo(560.64, 9);
    expect(codes(cost.notes)).toEqual(['several-machine-types', 'limits-bound-max']);
    expect(cost.notes[1].message).toContain('memory 32Gi allows at most 4 nodes');
  });

  it('a Karpenter pool without limits has no maximum', () => {
    const cost = poolCost(pool({ provider: 'karpenter', autoscaling: { enabled: true }, nodeCount: 1 }));
    expect(cost.max).toBeUndefined();
    expect(cost.current?.monthly).toBeCloseTo(70.08, 9);
    expect(codes(cost.notes)).toEqual(['max-unbounded']);
    expect(cost.estimated).toBe(false);
  });

  it('a type no table prices: unknown, never 0', () => {
    const cost = poolCost(pool({ provider: 'gke', region: 'us-central1', machineTypes: ['c4a-standard-4'] }));
    expect(cost.known).toBe(false);
    expect(cost.current).toBeUndefined();
    expect(codes(cost.notes)).toEqual(['machine-type-unpriced']);
  });

  it('a request (a spec without ref) gets its ref', () => {
    const { ref: _ref, ...spec } = pool({});
    expect(poolCost(spec).ref).toBe('eks/111/us-east-1/prod/general');
  });

  it('prices a configured type with the catalog row config added', () => {
    const catalog = createMachineCatalog([{ cloud: 'gcp', name: 'c4a-standard-4', vcpu: 4, memory: '16Gi' }]);
    const overrides = readPricingOverrides({ gcp: { machineTypes: [{ name: 'c4a-standard-4', hourly: 0.18 }] } });
    const cost = poolCost(
      pool({ provider: 'kubernetes', region: 'us-central1', machineTypes: ['c4a-standard-4'] }),
      { catalog, overrides },
    );
    expect(cost.cloud).toBe('gcp');
    expect(cost.current?.monthly).toBeCloseTo(394.2, 9); // 3 x 0.18 x 730
  });
});

describe('cloudOfPool', () => {
  it.each([
    ['eks', [], 'aws'],
    ['gke', [], 'gcp'],
    ['aks', [], 'azure'],
    ['doks', [], 'digitalocean'],
    ['kubernetes', ['Standard_D4s_v5'], 'azure'],
    ['kubernetes', ['n2-standard-8'], 'gcp'],
    ['karpenter', ['m6g.large'], 'aws'],
    ['kubernetes', ['my-own-type'], undefined],
  ] as const)('%s with %j: %s', (provider, machineTypes, cloud) => {
    expect(cloudOfPool({ provider, machineTypes: [...machineTypes] })).toBe(cloud);
  });

  it("reads an AKS node autoprovisioning NodePool's requirement keys", () => {
    expect(
      cloudOfPool({
        provider: 'karpenter',
        machineTypes: [],
        requirements: [{ key: 'karpenter.azure.com/sku-family', operator: 'In', values: ['D'] }],
      }),
    ).toBe('azure');
  });

  it('an unknown cloud makes the cost unknown', () => {
    const cost = poolCost(pool({ provider: 'kubernetes', machineTypes: ['my-own-type'] }));
    expect(cost.known).toBe(false);
    expect(codes(cost.notes)).toEqual(['cloud-unknown']);
  });
});
