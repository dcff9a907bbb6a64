import type { NodePool, NodePoolDetail } from '../model/pool';
import { nodePool, observed } from './__fixtures__/pools';
import { noSurge, surgeSettings, upgradePosture } from './upgrade';

describe('upgradePosture', () => {
  it('versions, skew and end of support', () => {
    const posture = upgradePosture(
      nodePool({ kubernetesVersion: '1.31', nodeImageVersion: 'ami-1', observed: observed({ kubeletVersions: ['v1.31.2'], controlPlaneVersion: 'v1.33.1' }) }),
    );
    expect(posture).toEqual({
      kubernetesVersion: '1.31',
      nodeImageVersion: 'ami-1',
      controlPlaneVersion: 'v1.33.1',
      minorSkew: 2,
      endOfSupport: '2025-11-26',
      upgradeInProgress: false,
      upgradeSignals: [],
    });
  });

  it('takes the control plane version another pool saw when its own nodes were not read', () => {
    expect(upgradePosture(nodePool({ kubernetesVersion: '1.32' }), { controlPlaneVersion: '1.33.4' })).toMatchObject({
      minorSkew: 1,
      controlPlaneVersion: '1.33.4',
    });
    expect(upgradePosture(nodePool({ kubernetesVersion: '1.32' })).minorSkew).toBeUndefined();
  });

  it('flags nodes newer than the control plane', () => {
    const posture = upgradePosture(nodePool({ observed: observed({ kubeletVersions: ['v1.34.0'], controlPlaneVersion: 'v1.33.0' }) }));
    expect(posture).toMatchObject({ minorSkew: 0, nodesNewerThanControlPlane: true });
  });

  it.each<[string, Partial<NodePool>, string[]]>([
    ['EKS UPDATING', { state: 'UPDATING' }, ['the provider reports UPDATING']],
    ['EKS ACTIVE', { state: 'ACTIVE' }, []],
    ['GKE RECONCILING', { provider: 'gke', state: 'RECONCILING' }, ['the provider reports RECONCILING']],
    ['AKS Upgrading', { provider: 'aks', state: 'Upgrading' }, ['the provider reports Upgrading']],
    ['AKS node image upgrade', { provider: 'aks', state: 'UpgradingNodeImageVersion' }, ['the provider reports UpgradingNodeImageVersion']],
    ['AKS Succeeded', { provider: 'aks', state: 'Succeeded' }, []],
    ['DOKS nodes draining', { provider: 'doks', state: 'draining,running' }, ['the provider reports draining,running']],
    ['GKE UPDATING is not a GKE state', { provider: 'gke', state: 'UPDATING' }, []],
    [
      'cordoned nodes',
      { observed: observed({ taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', nodes: 1, carriedBy: ['n1'], missingFrom: [] }] }) },
      ['1 node is cordoned'],
    ],
    ['kubelets of two versions', { observed: observed({ kubeletVersions: ['v1.32.9', 'v1.33.5'] }) }, ['nodes run kubelets v1.32.9, v1.33.5']],
  ])('in progress: %s', (_case, overrides, signals) => {
    const posture = upgradePosture(nodePool(overrides));
    expect(posture.upgradeSignals).toEqual(signals);
    expect(posture.upgradeInProgress).toBe(signals.length > 0);
  });
});

describe('surgeSettings', () => {
  const detail = (overrides: Partial<NodePool>, raw: unknown): NodePoolDetail => ({ ...nodePool(overrides), raw });

  it.each<[string, NodePoolDetail | NodePool, Record<string, string | number> | undefined, boolean]>([
    ['EKS updateConfig', detail({}, { updateConfig: { maxUnavailable: 1 } }), { maxUnavailable: 1 }, false],
    ['GKE upgradeSettings', detail({ provider: 'gke' }, { upgradeSettings: { maxSurge: 1, maxUnavailable: 0, strategy: 'SURGE' } }), { maxSurge: 1, maxUnavailable: 0, strategy: 'SURGE' }, false],
    ['GKE without surge or unavailability', detail({ provider: 'gke' }, { upgradeSettings: { maxSurge: 0, maxUnavailable: 0 } }), { maxSurge: 0, maxUnavailable: 0 }, true],
    ['AKS under ARM properties', detail({ provider: 'aks' }, { properties: { upgradeSettings: { maxSurge: '33%' } } }), { maxSurge: '33%' }, false],
    ['AKS maxSurge 0%', detail({ provider: 'aks' }, { upgradeSettings: { maxSurge: '0%' } }), { maxSurge: '0%' }, true],
    ['Karpenter disruption budget', detail({ provider: 'karpenter' }, { spec: { disruption: { budgets: [{ nodes: '10%' }] } } }), { budgetNodes: '10%' }, false],
    ['Karpenter budget of 0 nodes', detail({ provider: 'karpenter' }, { spec: { disruption: { budgets: [{ nodes: '0' }] } } }), { budgetNodes: '0' }, true],
    ['a NodePool has no raw record', nodePool(), undefined, false],
    ['DOKS surges per cluster', detail({ provider: 'doks' }, { auto_scale: true }), undefined, false],
  ])('%s', (_case, pool, surge, none) => {
    expect(surgeSettings(pool)).toEqual(surge);
    expect(noSurge(surge)).toBe(none);
    expect(upgradePosture(pool).surge).toEqual(surge);
  });
});
