import type { NodePool } from '@nodepools/plugin-nodepools-common';
import { desiredEntities } from './desiredEntities';

const context = {
  providerName: 'nodepools-provider:default',
  namespace: 'default',
  pageUrl: 'https://backstage.example.com/nodepools',
  defaultOwner: 'group:default/unowned',
};

function pool(overrides: Partial<NodePool>): NodePool {
  const base: NodePool = {
    ref: '',
    provider: 'eks',
    account: '111122223333',
    region: 'us-east-1',
    cluster: 'payments-prod',
    name: 'general',
    mode: 'user',
    os: 'linux',
    arch: 'amd64',
    machineTypes: ['m6i.xlarge'],
    capacityType: 'on-demand',
    nodeCount: 3,
    autoscaling: { enabled: true, min: 2, max: 6 },
    labels: {},
    taints: [],
    zones: [],
    tags: { owner: 'team-payments' },
    owner: 'group:default/team-payments',
    ownerSource: 'tag',
    ownerStatus: 'known',
    source: 'eks-prod',
    firstSeenAt: '2026-11-01T10:00:00.000Z',
    lastSeenAt: '2026-11-01T10:00:00.000Z',
    stale: false,
  };
  const merged = { ...base, ...overrides };
  merged.ref = [merged.provider, merged.account ?? '-', merged.region ?? '-', merged.cluster, merged.name].join('/');
  return merged;
}

describe('desiredEntities', () => {
  it('publishes a pool as a node-pool Resource of its cluster, and the cluster the catalog lacks', () => {
    const general = pool({});
    const entities = desiredEntities([general], [], context);
    expect([...entities.keys()]).toEqual([
      'resource:default/payments-prod',
      'resource:default/payments-prod-general',
    ]);
    const page = 'https://backstage.example.com/nodepools/pools/eks%2F111122223333%2Fus-east-1%2Fpayments-prod%2Fgeneral';
    const console =
      'https://us-east-1.console.aws.amazon.com/eks/home?region=us-east-1#/clusters/payments-prod/nodegroups/general';
    expect(entities.get('resource:default/payments-prod-general')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'payments-prod-general',
        namespace: 'default',
        title: 'general',
        description: 'EKS node pool of cluster payments-prod (us-east-1, account 111122223333)',
        annotations: {
          'backstage.io/managed-by-location': 'nodepools:nodepools-provider:default',
          'backstage.io/managed-by-origin-location': 'nodepools:nodepools-provider:default',
          'backstage.io/view-url': page,
          'nodepools.io/pool-ref': 'eks/111122223333/us-east-1/payments-prod/general',
          'nodepools.io/cluster-ref': 'eks/111122223333/us-east-1/payments-prod',
          'nodepools.io/owner-source': 'tag',
          'nodepools.io/console-url': console,
        },
        labels: {
          'nodepools.io/provider': 'eks',
          'nodepools.io/mode': 'user',
          'nodepools.io/capacity-type': 'on-demand',
        },
        links: [
          { url: page, title: 'Node pool page', icon: 'dashboard' },
          { url: console, title: 'EKS console', icon: 'cloud' },
        ],
      },
      spec: {
        type: 'node-pool',
        owner: 'group:default/team-payments',
        dependencyOf: ['resource:default/payments-prod'],
      },
    });
    expect(entities.get('resource:default/payments-prod')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'payments-prod',
        namespace: 'default',
        title: 'payments-prod',
        description: 'EKS cluster payments-prod (us-east-1, account 111122223333)',
        annotations: {
          'backstage.io/managed-by-location': 'nodepools:nodepools-provider:default',
          'backstage.io/managed-by-origin-location': 'nodepools:nodepools-provider:default',
          'backstage.io/view-url': 'https://backstage.example.com/nodepools/pools?cluster=payments-prod',
          'nodepools.io/cluster-ref': 'eks/111122223333/us-east-1/payments-prod',
        },
        labels: { 'nodepools.io/provider': 'eks' },
        links: [
          {
            url: 'https://backstage.example.com/nodepools/pools?cluster=payments-prod',
            title: 'Node pools of the cluster',
            icon: 'dashboard',
          },
        ],
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/team-payments' },
    });
  });

  it("joins a cluster's Karpenter pools to its cloud cluster, owned by most of its pools", () => {
    const entities = desiredEntities(
      [
        pool({ name: 'general', owner: 'group:default/platform' }),
        pool({ name: 'batch', owner: 'group:default/data' }),
        pool({ provider: 'karpenter', name: 'spot', owner: 'group:default/data', region: undefined }),
      ],
      [],
      context,
    );
    expect([...entities.keys()].sort()).toEqual([
      'resource:default/payments-prod',
      'resource:default/payments-prod-batch',
      'resource:default/payments-prod-general',
      'resource:default/payments-prod-spot',
    ]);
    expect(entities.get('resource:default/payments-prod-spot')!.spec!.dependencyOf).toEqual([
      'resource:default/payments-prod',
    ]);
    expect(entities.get('resource:default/payments-prod')!.spec!.owner).toBe('group:default/data');
  });

  it("points at the catalog's own cluster entity instead of emitting one, and owns unowned pools by default", () => {
    const entities = desiredEntities(
      [pool({ owner: undefined, ownerSource: undefined, ownerStatus: 'none' })],
      [
        {
          entityRef: 'resource:infra/payments',
          cluster: { provider: 'kubernetes', cluster: 'payments-prod' },
        },
      ],
      context,
    );
    expect([...entities.keys()]).toEqual(['resource:default/payments-prod-general']);
    const entity = entities.get('resource:default/payments-prod-general')!;
    expect(entity.spec).toEqual({
      type: 'node-pool',
      owner: 'group:default/unowned',
      dependencyOf: ['resource:infra/payments'],
    });
    expect(entity.metadata.annotations).not.toHaveProperty('nodepools.io/owner-source');
  });

  it('names a pool that meets its cluster entity with hashes on both', () => {
    const entities = desiredEntities(
      [pool({ cluster: 'payments', name: 'prod' }), pool({ cluster: 'payments-prod', name: 'api' })],
      [],
      context,
    );
    const names = [...entities.values()].map(e => e.metadata.title === 'prod' || e.metadata.title === 'payments-prod' ? `${e.spec!.type}:${e.metadata.name.replace(/[0-9a-f]{10}$/, '<hash>')}` : e.metadata.name);
    expect(names.sort()).toEqual([
      'kubernetes-cluster:payments-prod-<hash>',
      'node-pool:payments-prod-<hash>',
      'payments',
      'payments-prod-api',
    ]);
  });
});
