import type { DesiredPool } from '../../desired/types';
import type { ObservedNodes } from '../../model/pool';
import { compareDrift } from '../compare';
import type { ActualPool, ControlPlaneVersion, DriftFinding } from '../types';
import { cloudPool, declaredPool, observed } from '../__fixtures__/pools';

function nodeFindings(
  nodes: Partial<ObservedNodes>,
  actual: Partial<ActualPool> = {},
  desired?: Partial<DesiredPool>,
  controlPlanes: ControlPlaneVersion[] = [],
): DriftFinding[] {
  const pool = cloudPool({ ...actual, observed: observed(nodes) });
  const declared = desired ? [declaredPool({ provider: pool.provider, ...desired })] : [];
  return compareDrift({ desired: declared, actual: [pool], controlPlanes }, { scope: 'all' }).findings.filter(f => f.field.startsWith('nodes.'));
}

const brief = (f: DriftFinding) => [f.cause, f.field, f.severity, f.desired, f.actual];

describe('compareDrift: on the nodes', () => {
  it.each<[string, Partial<ObservedNodes>, Partial<ActualPool>, Partial<DesiredPool> | undefined, unknown[] | undefined]>([
    ['more nodes than the autoscaler range allows', { nodeCount: 8 }, {}, undefined, ['node-count', 'nodes.count', 'medium', { min: 2, max: 6 }, 8]],
    ['fewer nodes than its minimum', { nodeCount: 1 }, {}, undefined, ['node-count', 'nodes.count', 'medium', { min: 2, max: 6 }, 1]],
    ['a count inside the range', { nodeCount: 6 }, {}, undefined, undefined],
    ['an EKS fixed group off its size', { nodeCount: 4 }, { autoscaling: { enabled: false, min: 3, max: 3 } }, undefined, ['node-count', 'nodes.count', 'medium', { min: 3, max: 3 }, 4]],
    [
      'a GKE fixed pool: node_count per zone times its zones',
      { nodeCount: 5, zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'] },
      { provider: 'gke', autoscaling: { enabled: false }, nodeCount: 3, zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'] },
      { autoscaling: { enabled: false }, nodeCount: undefined, perZone: { nodeCount: 2 }, declared: { autoscaling: 'autoscaling', nodeCount: 'node_count' } },
      ['node-count', 'nodes.count', 'medium', 6, 5],
    ],
    ['a GKE fixed pool without a declared size: its initial count is no size', { nodeCount: 5 }, { provider: 'gke', autoscaling: { enabled: false }, nodeCount: 3 }, undefined, undefined],
    ['an AKS fixed pool off the size the cloud records', { nodeCount: 4 }, { provider: 'aks', autoscaling: { enabled: false }, nodeCount: 3 }, undefined, ['node-count', 'nodes.count', 'medium', 3, 4]],
    ['a Karpenter NodePool, which has no node bounds', { nodeCount: 40 }, { provider: 'karpenter', autoscaling: { enabled: true } }, undefined, undefined],
    [
      'an eksctl self-managed group against its declared range',
      { nodeCount: 12 },
      { provider: 'kubernetes', autoscaling: { enabled: false }, nodeCount: 12 },
      { autoscaling: { enabled: true, min: 2, max: 8 }, declared: { autoscaling: 'minSize' } },
      ['node-count', 'nodes.count', 'medium', { min: 2, max: 8 }, 12],
    ],
    ['nodes in a zone the pool does not declare', { zones: ['us-central1-a', 'us-central1-f'] }, { provider: 'gke', zones: ['us-central1-a', 'us-central1-b'], autoscaling: { enabled: true, min: 0, max: 9 } }, undefined, ['node-zones', 'nodes.zones', 'medium', ['us-central1-a', 'us-central1-b'], ['us-central1-a', 'us-central1-f']]],
    ['AKS zone numbers against the nodes\' region-number zones', { zones: ['westeurope-1', 'westeurope-2'] }, { provider: 'aks', zones: ['1', '2'] }, undefined, undefined],
    ['an AKS node outside the pool\'s zone numbers', { zones: ['westeurope-3'] }, { provider: 'aks', zones: ['1', '2'] }, undefined, ['node-zones', 'nodes.zones', 'medium', ['1', '2'], ['westeurope-3']]],
    ['nodes on an older kubelet than their pool', { kubeletVersions: ['v1.31.1-eks-1', 'v1.31.2-eks-2'] }, {}, undefined, ['node-image', 'nodes.kubeletVersion', 'low', '1.31', ['v1.31.1-eks-1']]],
    ['nodes on two OS images', { osImages: ['Amazon Linux 2', 'Amazon Linux 2023.6'] }, {}, undefined, ['node-image', 'nodes.osImage', 'low', undefined, ['Amazon Linux 2', 'Amazon Linux 2023.6']]],
  ])('finds %s', (_, nodes, actual, desired, expected) => {
    const found = nodeFindings(nodes, actual, desired).map(brief);
    expect(found).toEqual(expected ? [expected] : []);
  });

  it.each<[string, string, string[], string[] | undefined]>([
    ['a kubelet four minors behind', '1.31', ['v1.27.9'], ['v1.27.9']],
    ['a kubelet three minors behind (allowed since 1.28)', '1.31', ['v1.28.15'], undefined],
    ['a kubelet newer than the control plane', '1.30.4-gke.1', ['v1.31.2'], ['v1.31.2']],
    ['a kubelet three minors behind a control plane older than 1.28 (two allowed)', '1.27', ['v1.24.17'], ['v1.24.17']],
    ['kubelets within the skew', '1.31.5', ['v1.31.2-eks-7f9249a', 'v1.30.8'], undefined],
  ])('checks %s', (_, controlPlane, kubelets, offending) => {
    const found = nodeFindings({ kubeletVersions: kubelets }, { kubernetesVersion: undefined, nodeImageVersion: undefined }, undefined, [
      { cluster: 'payments-prod', version: controlPlane },
    ]).filter(f => f.cause === 'version-skew');
    const expected = offending ? [{ actual: offending, severity: 'high', desired: controlPlane }] : [];
    expect(found.map(f => ({ actual: f.actual, severity: f.severity, desired: f.desired }))).toEqual(expected);
  });

  it('takes the control plane version of a declared cluster when none is given, and a given one first', () => {
    const pool = cloudPool({ kubernetesVersion: undefined, observed: observed({ kubeletVersions: ['v1.27.1'] }) });
    const cluster = { provider: 'eks' as const, name: 'payments-prod', kubernetesVersion: '1.31', format: 'terraform-state' as const, source: 's', address: 'aws_eks_cluster.c' };
    const declared = compareDrift({ desired: [], actual: [pool], clusters: [cluster] }).findings;
    expect(declared.map(f => [f.cause, f.desired])).toEqual([['version-skew', '1.31'], ['not-in-iac', undefined]]);

    const given = compareDrift({ desired: [], actual: [pool], clusters: [cluster], controlPlanes: [{ cluster: 'payments-prod', version: '1.28' }] }).findings;
    expect(given.filter(f => f.cause === 'version-skew')).toEqual([]);
  });

  it('checks nothing on the nodes of a pool without a roll-up', () => {
    const report = compareDrift({ desired: [declaredPool()], actual: [cloudPool({ nodeCount: 40 })], controlPlanes: [{ cluster: 'payments-prod', version: '1.40' }] });
    expect(report.findings).toEqual([]);
  });
});
