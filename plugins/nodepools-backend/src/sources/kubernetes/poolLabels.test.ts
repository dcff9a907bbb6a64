import { DEFAULT_POOL_LABEL_KEYS, poolOfNode, providerOfPoolLabel } from './poolLabels';

describe('pool labels', () => {
  it('tries the cloud labels first and the self-managed groups last', () => {
    expect(DEFAULT_POOL_LABEL_KEYS).toEqual([
      'eks.amazonaws.com/nodegroup',
      'karpenter.sh/nodepool',
      'cloud.google.com/gke-nodepool',
      'kubernetes.azure.com/agentpool',
      'agentpool',
      'doks.digitalocean.com/node-pool',
      'alpha.eksctl.io/nodegroup-name',
      'kops.k8s.io/instancegroup',
    ]);
  });

  it.each([
    ['an EKS Auto Mode node is named by its NodePool', { 'karpenter.sh/nodepool': 'general-purpose' }, 'general-purpose', 'karpenter'],
    ['an older AKS node is named by agentpool', { agentpool: 'np1' }, 'np1', 'aks'],
    ['a kOps node belongs to no cloud pool', { 'kops.k8s.io/instancegroup': 'nodes' }, 'nodes', 'kubernetes'],
  ])('%s', (_name, labels, pool, provider) => {
    const found = poolOfNode(labels, DEFAULT_POOL_LABEL_KEYS);
    expect(found?.pool).toBe(pool);
    expect(providerOfPoolLabel(found!.poolLabel)).toBe(provider);
  });

  it('skips an empty label value', () => {
    expect(poolOfNode({ 'eks.amazonaws.com/nodegroup': '', agentpool: 'np1' }, DEFAULT_POOL_LABEL_KEYS)).toEqual({
      pool: 'np1',
      poolLabel: 'agentpool',
    });
  });
});
