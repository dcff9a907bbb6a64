import { DEFAULT_POOL_LABEL_KEYS } from '../../sources/kubernetes';
import { parseNodeAssets } from './OpenCostClient';
import { nodeHourly, poolCostsOf } from './poolCosts';

const node = (name: string, labels: Record<string, string>, minutes: number, totalCost: number) => ({
  type: 'Node',
  properties: { cluster: 'cluster-one', name },
  labels,
  minutes,
  totalCost,
});

describe('parseNodeAssets', () => {
  it('adds up a node found in several sets of the window, and skips other asset types', () => {
    const nodes = parseNodeAssets(
      {
        code: 200,
        data: [
          { 'cluster-one/n1': node('n1', { a: 'b' }, 1440, 4.8), 'cluster-one/lb': { type: 'LoadBalancer', totalCost: 1 } },
          { 'cluster-one/n1': node('n1', { a: 'b' }, 720, 2.4), 'cluster-one/n2': node('n2', {}, 60, 0.1) },
        ],
      },
      'GET /assets',
    );
    expect(nodes).toEqual([
      { name: 'n1', cluster: 'cluster-one', labels: { a: 'b' }, minutes: 2160, totalCost: expect.closeTo(7.2, 10) },
      { name: 'n2', cluster: 'cluster-one', labels: {}, minutes: 60, totalCost: 0.1 },
    ]);
  });
});

describe('poolCostsOf', () => {
  const pools = [
    { ref: 'eks/1/r/c/general', provider: 'eks' as const, name: 'general' },
    { ref: 'karpenter/1/r/c/default', provider: 'karpenter' as const, name: 'default' },
    { ref: 'kubernetes/1/r/c/batch', provider: 'kubernetes' as const, name: 'batch' },
  ];
  const asNode = (labels: Record<string, string>, minutes = 60, totalCost = 1) => ({
    name: 'n',
    labels,
    minutes,
    totalCost,
  });

  it('finds the pool by the label under its Kubernetes name or as OpenCost writes it', () => {
    const mapping = poolCostsOf(
      [
        asNode({ 'eks.amazonaws.com/nodegroup': 'general' }, 60, 0.5),
        asNode({ eks_amazonaws_com_nodegroup: 'general' }, 120, 1.3),
        asNode({ label_karpenter_sh_nodepool: 'default' }),
        // An EKS label of a group the inventory has only from its nodes.
        asNode({ eks_amazonaws_com_nodegroup: 'batch' }),
        asNode({ eks_amazonaws_com_nodegroup: 'unknown' }),
        asNode({ kubernetes_io_arch: 'arm64' }),
      ],
      pools,
      DEFAULT_POOL_LABEL_KEYS,
    );
    expect(mapping.unmatchedNodes).toBe(2);
    expect(mapping.pools).toEqual([
      { ref: 'eks/1/r/c/general', totalCost: 1.8, nodeHours: 3 },
      { ref: 'karpenter/1/r/c/default', totalCost: 1, nodeHours: 1 },
      { ref: 'kubernetes/1/r/c/batch', totalCost: 1, nodeHours: 1 },
    ]);
    expect(nodeHourly(mapping.pools[0])).toBeCloseTo(0.6, 10);
    expect(nodeHourly({ ref: 'x', totalCost: 1, nodeHours: 0 })).toBeUndefined();
  });
});
