import type { DesiredPool } from '../desired/types';
import type { Taint } from '../model/pool';
import { compareDrift } from './compare';
import type { ActualPool, DriftFinding } from './types';
import { cloudPool, declaredPool } from './__fixtures__/pools';

const SPOT_TAINT: Taint = { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' };
const GPU_TAINT: Taint = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };

function changes(desired: Partial<DesiredPool>, actual: Partial<ActualPool>): DriftFinding[] {
  return compareDrift({ desired: [declaredPool(desired)], actual: [cloudPool(actual)] }).findings;
}

const brief = (f: DriftFinding) => ({ field: f.field, cause: f.cause, severity: f.severity, desired: f.desired, actual: f.actual });

describe('compareDrift: changed fields', () => {
  it.each<[string, Partial<DesiredPool>, Partial<ActualPool>, Partial<DriftFinding>]>([
    ['instance types', { machineTypes: ['m6i.xlarge'] }, { machineTypes: ['m6i.2xlarge'] }, { field: 'machineTypes', severity: 'high', desired: ['m6i.xlarge'], actual: ['m6i.2xlarge'] }],
    ['the autoscaler range', {}, { autoscaling: { enabled: true, min: 2, max: 10 } }, { field: 'autoscaling', severity: 'medium', desired: { min: 2, max: 6 }, actual: { min: 2, max: 10 } }],
    ['an EKS fixed size moved as a whole: the range, once', { autoscaling: { enabled: false, min: 3, max: 3 }, nodeCount: 3 }, { autoscaling: { enabled: false, min: 4, max: 4 }, nodeCount: 4 }, { field: 'autoscaling', desired: { min: 3, max: 3 }, actual: { min: 4, max: 4 } }],
    ['an AKS fixed size', { provider: 'aks', autoscaling: { enabled: false }, nodeCount: 2 }, { provider: 'aks', autoscaling: { enabled: false }, nodeCount: 3 }, { field: 'nodeCount', severity: 'medium', desired: 2, actual: 3 }],
    ['an AKS autoscaler switched on by hand', { provider: 'aks', autoscaling: { enabled: false }, nodeCount: 2 }, { provider: 'aks', autoscaling: { enabled: true, min: 1, max: 5 }, nodeCount: 4 }, { field: 'autoscaling', desired: { enabled: false }, actual: { enabled: true, min: 1, max: 5 } }],
    [
      'GKE per-zone bounds against the pool totals of its zones',
      { provider: 'gke', autoscaling: { enabled: true }, perZone: { min: 1, max: 3 }, nodeCount: undefined },
      { provider: 'gke', zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'], autoscaling: { enabled: true, min: 3, max: 12 } },
      { field: 'autoscaling', desired: { enabled: true, min: 3, max: 9 }, actual: { enabled: true, min: 3, max: 12 } },
    ],
    ['a label', {}, { labels: { workload: 'general', team: 'x' } }, { field: 'labels', severity: 'medium', desired: { workload: 'general' }, actual: { workload: 'general', team: 'x' } }],
    ['a taint', {}, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }, { field: 'taints', severity: 'high', desired: [], actual: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }],
    ['a taint effect', { taints: [{ key: 'k', effect: 'NoSchedule' }] }, { taints: [{ key: 'k', effect: 'NoExecute' }] }, { field: 'taints', severity: 'high' }],
    ['the AKS mode', { provider: 'aks', mode: 'system' }, { provider: 'aks', mode: 'user' }, { field: 'mode', severity: 'high', desired: 'system', actual: 'user' }],
    ['the capacity type', { capacityType: 'spot' }, { capacityType: 'on-demand' }, { field: 'capacityType', severity: 'high' }],
    ['the OS', { os: 'windows' }, { os: 'linux' }, { field: 'os', severity: 'high' }],
    ['the architecture', { arch: 'arm64' }, { arch: 'amd64' }, { field: 'arch', severity: 'high' }],
    ['an older minor version', { kubernetesVersion: '1.31' }, { kubernetesVersion: '1.30' }, { field: 'kubernetesVersion', severity: 'medium', desired: '1.31', actual: '1.30' }],
    ['a newer version without auto-upgrade', { kubernetesVersion: '1.30' }, { kubernetesVersion: '1.31.4' }, { field: 'kubernetesVersion' }],
    ['an older version even with auto-upgrade', { provider: 'gke', kubernetesVersion: '1.31.1-gke.1', autoUpgrade: true }, { provider: 'gke', kubernetesVersion: '1.30.9-gke.4' }, { field: 'kubernetesVersion' }],
    ['zones', { provider: 'aks', zones: ['1', '2'] }, { provider: 'aks', zones: ['1', '2', '3'] }, { field: 'zones', severity: 'medium' }],
    ['an owner tag', { tags: { owner: 'team-a', 'cost-center': 'x' } }, { tags: { owner: 'team-b', 'cost-center': 'y' } }, { field: 'tags', severity: 'low', desired: { owner: 'team-a' }, actual: { owner: 'team-b' } }],
    [
      'Karpenter requirements',
      { provider: 'karpenter', requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] }], capacityType: 'on-demand' },
      { provider: 'karpenter', autoscaling: { enabled: true }, requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] }], capacityType: 'mixed' },
      { field: 'requirements', severity: 'high' },
    ],
    ['Karpenter limits', { provider: 'karpenter', limits: { cpu: '100' } }, { provider: 'karpenter', autoscaling: { enabled: true }, limits: { cpu: '200' } }, { field: 'limits', severity: 'medium' }],
    ['max pods per node', { maxPodsPerNode: 110 }, { maxPodsPerNode: 58 }, { field: 'maxPodsPerNode', severity: 'low' }],
    ['the disk size', { diskSizeGb: 20 }, { diskSizeGb: 50 }, { field: 'diskSizeGb', severity: 'low' }],
  ])('finds %s', (_, desired, actual, expected) => {
    const found = changes(desired, actual);
    expect(found.map(brief)).toEqual([expect.objectContaining({ cause: 'changed', ...expected })]);
  });

  it.each<[string, Partial<DesiredPool>, Partial<ActualPool>]>([
    ['instance types in another order', { machineTypes: ['m5.xlarge', 'm6i.xlarge'] }, { machineTypes: ['m6i.xlarge', 'm5.xlarge'] }],
    ['Azure VM sizes in another case', { provider: 'aks', machineTypes: ['standard_d2_v2'] }, { provider: 'aks', machineTypes: ['Standard_D2_v2'] }],
    ['the node count while the autoscaler owns it', {}, { nodeCount: 5 }],
    ['an EKS fixed size whether or not the cloud calls it autoscaled', { autoscaling: { enabled: false, min: 3, max: 3 }, nodeCount: 3 }, { autoscaling: { enabled: true, min: 3, max: 3 }, nodeCount: 3 }],
    ['a GKE fixed size against the initial count GKE reports', { provider: 'gke', autoscaling: { enabled: false }, nodeCount: 6 }, { provider: 'gke', autoscaling: { enabled: false }, nodeCount: 3 }],
    ['GKE per-zone bounds whose totals match', { provider: 'gke', autoscaling: { enabled: true }, perZone: { min: 1, max: 3 } }, { provider: 'gke', zones: ['a', 'b', 'c'], autoscaling: { enabled: true, min: 3, max: 9 } }],
    ['taints in another order', { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', value: 'x', effect: 'NoExecute' }] }, { taints: [{ key: 'b', value: 'x', effect: 'NoExecute' }, { key: 'a', effect: 'NoSchedule' }] }],
    ['the Spot taint and label AKS adds', { provider: 'aks', taints: [], labels: {} }, { provider: 'aks', taints: [SPOT_TAINT], labels: { 'kubernetes.azure.com/scalesetpriority': 'spot' } }],
    ['the GPU taint GKE adds', { provider: 'gke', taints: [] }, { provider: 'gke', taints: [GPU_TAINT] }],
    ['the GPU taint DOKS adds, whatever its value', { provider: 'doks', taints: [] }, { provider: 'doks', taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] }],
    ['the labels eksctl adds', {}, { labels: { workload: 'general', 'alpha.eksctl.io/cluster-name': 'payments-prod', 'alpha.eksctl.io/nodegroup-name': 'general' } }],
    [
      'the labels and capacity type of a group known only from its nodes, which the nodes cannot tell',
      { provider: 'kubernetes', capacityType: 'spot', labels: { tier: 'batch' } },
      { provider: 'kubernetes', capacityType: 'on-demand', labels: { 'alpha.eksctl.io/nodegroup-name': 'general' }, autoscaling: { enabled: false } },
    ],
    ['a minor alias against a patch version', { kubernetesVersion: '1.31' }, { kubernetesVersion: '1.31.5' }],
    ['a newer version the provider upgraded to by itself', { provider: 'gke', kubernetesVersion: '1.30.1-gke.1', autoUpgrade: true }, { provider: 'gke', kubernetesVersion: '1.31.0-gke.2' }],
    ['tags other than owner tags', { tags: { owner: 'team-payments', env: 'prod' } }, { tags: { owner: 'team-payments', env: 'dev' } }],
    ['zones the cloud does not report', { zones: ['eu-west-1a'] }, { zones: [] }],
    ['an architecture the cloud does not report', { arch: 'arm64' }, { arch: undefined }],
    ['Karpenter requirements in another order', { provider: 'karpenter', requirements: [{ key: 'a', operator: 'In', values: ['2', '1'] }, { key: 'b', operator: 'Exists' }] }, { provider: 'karpenter', autoscaling: { enabled: true }, requirements: [{ key: 'b', operator: 'Exists' }, { key: 'a', operator: 'In', values: ['1', '2'] }] }],
  ])('finds no drift in %s', (_, desired, actual) => {
    expect(changes(desired, actual)).toEqual([]);
  });

  it('compares only what the IaC declares: an absent or null attribute is the provider default', () => {
    const desired = declaredPool({ labels: { workload: 'general' }, declared: { autoscaling: 'scaling_config' } });
    const found = compareDrift({ desired: [desired], actual: [cloudPool({ labels: { x: 'y' }, taints: [GPU_TAINT], machineTypes: ['c7i.large'] })] }).findings;
    expect(found).toEqual([]);
  });

  it('compares Karpenter capacity types, architectures and zones through the requirements only', () => {
    const found = changes(
      { provider: 'karpenter', capacityType: 'spot', arch: 'arm64', requirements: [] },
      { provider: 'karpenter', autoscaling: { enabled: true }, capacityType: 'on-demand', arch: 'amd64', requirements: [] },
    );
    expect(found).toEqual([]);
  });
});

describe('compareDrift: pools on one side only', () => {
  it('reports a declared pool the cloud lacks, with how to create it and how to drop it', () => {
    const [finding] = compareDrift({ desired: [declaredPool()], actual: [] }).findings;
    expect(finding).toMatchObject({
      cause: 'declared-not-found',
      field: 'pool',
      severity: 'high',
      ref: 'eks/111122223333/eu-west-1/payments-prod/general',
      origin: { format: 'terraform-state', source: 'prod.tfstate', address: 'aws_eks_node_group.general', resourceType: 'aws_eks_node_group' },
      revert: { kind: 'shell', commands: [['terraform', 'apply', '-target=aws_eks_node_group.general']] },
      adopt: { kind: 'note' },
    });
  });

  it('reports a cloud pool no source declares in a declared cluster, and not in other clusters unless asked', () => {
    const input = {
      desired: [declaredPool()],
      actual: [cloudPool(), cloudPool({ name: 'click-ops' }), cloudPool({ cluster: 'other', name: 'x' })],
    };
    expect(compareDrift(input).findings.map(f => [f.cause, f.pool, f.severity])).toEqual([['not-in-iac', 'click-ops', 'medium']]);
    expect(compareDrift(input, { scope: 'all' }).findings.map(f => f.pool)).toEqual(['x', 'click-ops']);
  });

  it('counts a cluster declared without pools as declared', () => {
    const report = compareDrift({
      desired: [],
      actual: [cloudPool({ name: 'hand-made' })],
      clusters: [{ provider: 'eks', name: 'payments-prod', region: 'eu-west-1', format: 'eksctl', source: 'c.yaml', address: 'metadata' }],
    });
    expect(report.findings.map(f => f.pool)).toEqual(['hand-made']);
  });

  it('leaves out the pools the cloud creates and keeps itself', () => {
    const report = compareDrift(
      {
        desired: [],
        actual: [
          cloudPool({ provider: 'karpenter', name: 'general-purpose', tags: { 'app.kubernetes.io/managed-by': 'eks' } }),
          cloudPool({ provider: 'gke', name: 'nap-e2-standard-4-abc123' }),
          cloudPool({ provider: 'karpenter', name: 'mine' }),
        ],
      },
      { scope: 'all' },
    );
    expect(report.findings.map(f => f.pool)).toEqual(['mine']);
  });

  it('takes a tombstoned cloud pool as gone', () => {
    const report = compareDrift({ desired: [declaredPool()], actual: [cloudPool({ tombstonedAt: '2025-01-01T00:00:00Z' })] });
    expect(report.findings.map(f => f.cause)).toEqual(['declared-not-found']);
  });
});

describe('compareDrift: matching', () => {
  it('matches a declared pool without account or region to the one cloud pool with its cluster and name', () => {
    const report = compareDrift({ desired: [declaredPool({ account: undefined, region: undefined })], actual: [cloudPool()] });
    expect(report).toMatchObject({ matched: 1, findings: [] });
  });

  it('prefers the cloud pool that agrees on more known parts', () => {
    const report = compareDrift({
      desired: [declaredPool({ account: undefined })],
      actual: [cloudPool({ region: undefined, labels: { other: 'x' } }), cloudPool()],
    });
    expect(report.matched).toBe(1);
    expect(report.findings.filter(f => f.cause === 'changed')).toEqual([]);
  });

  it('matches nothing when several cloud pools fit equally, and says so', () => {
    const report = compareDrift({
      desired: [declaredPool({ region: undefined })],
      actual: [cloudPool({ region: 'eu-west-1' }), cloudPool({ region: 'us-east-1' })],
    });
    expect(report.matched).toBe(0);
    expect(report.notes).toEqual([expect.stringMatching(/fits 2 cloud pools equally.*--account\/--region/)]);
  });

  it('never matches across providers, accounts or regions that both sides know', () => {
    for (const other of [{ provider: 'karpenter' as const }, { account: '999988887777' }, { region: 'us-east-1' }]) {
      expect(compareDrift({ desired: [declaredPool()], actual: [cloudPool(other)] }).matched).toBe(0);
    }
  });

  it('compares a pool against every source that declares it', () => {
    const report = compareDrift({
      desired: [declaredPool(), declaredPool({ format: 'eksctl', source: 'cluster.yaml', address: 'managedNodeGroups[0]', resourceType: 'managedNodeGroups' })],
      actual: [cloudPool({ labels: {} })],
    });
    expect(report.findings.map(f => f.origin?.source).sort()).toEqual(['cluster.yaml', 'prod.tfstate']);
  });
});

describe('compareDrift: findings', () => {
  it('gives each finding an id that is the same on every run and differs by pool, address, field and cause', () => {
    const input = { desired: [declaredPool()], actual: [cloudPool({ labels: {}, taints: [GPU_TAINT] })] };
    const first = compareDrift(input).findings.map(f => f.id);
    const again = compareDrift(input).findings.map(f => f.id);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(2);
    expect(first.every(id => /^drift-[0-9a-f]{16}$/.test(id))).toBe(true);
    const elsewhere = compareDrift({ desired: [declaredPool({ address: 'module.x.aws_eks_node_group.general' })], actual: input.actual }).findings.map(f => f.id);
    expect(elsewhere.some(id => first.includes(id))).toBe(false);
  });

  it('orders findings most severe first', () => {
    const found = changes({ tags: { owner: 'a' } }, { tags: { owner: 'b' }, capacityType: 'spot', labels: {} });
    expect(found.map(f => f.severity)).toEqual(['high', 'medium', 'low']);
  });
});
