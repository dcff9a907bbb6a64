import { POOL_LABEL_KEYS, UNPOOLED, poolOfNodeLabels } from './labels';

describe('poolOfNodeLabels', () => {
  it.each([
    ['an EKS managed node group', { 'eks.amazonaws.com/nodegroup': 'ng-1' }, { name: 'ng-1', provider: 'eks' }],
    ['an EKS Auto Mode node carries the Karpenter label', { 'karpenter.sh/nodepool': 'general-purpose', 'eks.amazonaws.com/compute-type': 'auto' }, { name: 'general-purpose', provider: 'karpenter' }],
    ['a GKE node pool', { 'cloud.google.com/gke-nodepool': 'default-pool' }, { name: 'default-pool', provider: 'gke' }],
    ['an AKS agent pool', { 'kubernetes.azure.com/agentpool': 'nodepool1', agentpool: 'nodepool1' }, { name: 'nodepool1', provider: 'aks', label: 'kubernetes.azure.com/agentpool' }],
    ['an older AKS node with only agentpool', { agentpool: 'old' }, { name: 'old', provider: 'aks', label: 'agentpool' }],
    ['a DOKS node pool', { 'doks.digitalocean.com/node-pool': 'pool-1' }, { name: 'pool-1', provider: 'doks' }],
    ['an eksctl self-managed node group', { 'alpha.eksctl.io/nodegroup-name': 'ng-legacy' }, { name: 'ng-legacy', provider: 'kubernetes' }],
    ['a node with no pool label', { 'kubernetes.io/os': 'linux' }, { name: UNPOOLED, provider: 'kubernetes' }],
  ])('%s', (_name, labels, expected) => {
    expect(poolOfNodeLabels(labels)).toMatchObject(expected);
  });

  it('lists the six provider keys', () => {
    expect(POOL_LABEL_KEYS).toHaveLength(6);
  });
});
