import { draftFromPool, draftFromSuggestion, draftToSpec, emptyDraft, withKind } from './requestDraft';
import { draftToSearch, parseTaint, searchToDraft } from './requestPrefill';
import { aksSystem, eksGeneral, karpenterGeneral } from '../__testUtils__/pools';

describe('request prefill', () => {
  it('reads back every field it writes to the query string', () => {
    const draft = {
      ...withKind(emptyDraft(), 'aks-node-pool'),
      cluster: 'aks/sub/westeurope/shop-weu',
      name: 'gpu',
      machineTypes: ['Standard_NC6s_v3'],
      min: 2,
      max: 6,
      capacityType: 'spot' as const,
      os: 'windows' as const,
      arch: 'amd64' as const,
      labels: { team: 'ml', 'a.b/c': 'x=y' },
      taints: [{ key: 'gpu', value: 'a:b', effect: 'NoSchedule' as const }, { key: 'solo', effect: 'NoExecute' as const }],
      zones: ['1', '2'],
      mode: 'system' as const,
      maxPodsPerNode: 50,
      diskSizeGb: 128,
      resourceGroup: 'rg-shop',
      owner: 'group:default/ml',
      justification: 'Line one\nline two & more',
    };
    expect(searchToDraft(new URLSearchParams(draftToSearch(draft).toString()))).toEqual(draft);
  });

  it('drops what it cannot read and what the kind does not take', () => {
    const draft = searchToDraft(
      new URLSearchParams('kind=doks-node-pool&min=-1&max=x&capacityType=spot&taint=nokey&taint=k:Sometimes&label=novalue&zone=a&mode=system'),
    );
    expect(draft).toMatchObject({ kind: 'doks-node-pool', min: 1, max: 3, capacityType: 'on-demand', taints: [], labels: {}, zones: [] });
    expect(draft.mode).toBeUndefined();
    expect(parseTaint('k=v:NoSchedule')).toEqual({ key: 'k', value: 'v', effect: 'NoSchedule' });
  });

  it('clones a pool into a request of its kind and cluster', () => {
    expect(draftToSpec(draftFromPool(eksGeneral)!)).toEqual({
      kind: 'eks-managed-node-group',
      cluster: 'eks/111122223333/us-east-1/prod-use1',
      name: 'ng-general-2',
      machineTypes: ['m6i.xlarge', 'm5.xlarge'],
      autoscaling: { min: 1, max: 5 },
      capacityType: 'on-demand',
      os: 'linux',
      arch: 'amd64',
      labels: { team: 'payments' },
      taints: [],
      owner: 'group:default/payments',
      justification: '',
      diskSizeGb: 50,
    });
    const aks = draftToSpec(draftFromPool(aksSystem)!);
    expect(aks).toMatchObject({ kind: 'aks-node-pool', mode: 'system' });
    expect(aks.machineTypes).toHaveLength(1);
    const karpenter = draftToSpec(draftFromPool(karpenterGeneral)!);
    expect(karpenter.autoscaling?.min).toBe(0);
    expect(karpenter.nodeCount).toBeUndefined();
  });

  it('turns a suggested pool into a request only for a cloud that takes requests', () => {
    const draft = draftFromSuggestion(
      { provider: 'gke', machineType: 'g2-standard-8', labels: { 'cloud.google.com/gke-accelerator': 'nvidia-l4', team: 'ml' }, taints: [], zones: ['europe-west4-a'] },
      'gke/p/europe-west4/train',
    );
    expect(draft).toMatchObject({ kind: 'gke-node-pool', cluster: 'gke/p/europe-west4/train', machineTypes: ['g2-standard-8'], labels: { team: 'ml' }, zones: ['europe-west4-a'] });
    expect(draftFromSuggestion({ provider: 'gke', labels: {}, taints: [], zones: [] }, 'eks/a/r/c')?.cluster).toBe('');
    expect(draftFromSuggestion({ labels: {}, taints: [], zones: [] })).toBeUndefined();
  });
});
