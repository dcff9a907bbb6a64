import {
  clusterOfClusterEntity,
  clusterOfEntity,
  findClusterEntity,
  isEmittedByNodePools,
  type CatalogClusterEntity,
} from './catalog';

describe('clusterOfEntity', () => {
  it.each([
    [
      'a full cluster ref',
      { 'nodepools.io/cluster-ref': 'eks/111122223333/us-east-1/payments-prod' },
      { provider: 'eks', account: '111122223333', region: 'us-east-1', cluster: 'payments-prod' },
    ],
    [
      'a ref with unknown parts',
      { 'nodepools.io/cluster-ref': 'gke/-/europe-west1/data-prod' },
      { provider: 'gke', region: 'europe-west1', cluster: 'data-prod' },
    ],
    ['a bare name', { 'nodepools.io/cluster-ref': 'payments-prod' }, { provider: 'kubernetes', cluster: 'payments-prod' }],
    [
      "the Kubernetes plugin's cluster name when the ref is absent",
      { 'backstage.io/kubernetes-cluster': 'web-prod' },
      { provider: 'kubernetes', cluster: 'web-prod' },
    ],
    [
      'the nodepools ref over the Kubernetes plugin name',
      { 'nodepools.io/cluster-ref': 'doks/-/nyc1/web-prod', 'backstage.io/kubernetes-cluster': 'other' },
      { provider: 'doks', region: 'nyc1', cluster: 'web-prod' },
    ],
  ])('reads %s', (_case, annotations, cluster) => {
    expect(clusterOfEntity(annotations)).toEqual(cluster);
  });

  it('reads nothing from an entity without the annotations or with a bad ref', () => {
    expect(clusterOfEntity({})).toBeUndefined();
    expect(clusterOfEntity(undefined)).toBeUndefined();
    expect(clusterOfEntity({ 'nodepools.io/cluster-ref': 'azure/x/y/z' })).toBeUndefined();
  });
});

describe('findClusterEntity', () => {
  const byName: CatalogClusterEntity = {
    entityRef: 'resource:default/payments-prod',
    cluster: { provider: 'kubernetes', cluster: 'payments-prod' },
    owner: 'group:default/platform',
  };
  const byRef: CatalogClusterEntity = {
    entityRef: 'resource:infra/payments-prod-use1',
    cluster: { provider: 'eks', account: '111122223333', region: 'us-east-1', cluster: 'payments-prod' },
    owner: 'group:default/payments-sre',
  };
  const otherRegion: CatalogClusterEntity = {
    entityRef: 'resource:infra/payments-prod-euw1',
    cluster: { provider: 'eks', region: 'eu-west-1', cluster: 'payments-prod' },
  };
  const eksCluster = { provider: 'eks' as const, account: '111122223333', region: 'us-east-1', cluster: 'payments-prod' };

  it('picks the entity whose annotation says most about the cluster', () => {
    expect(findClusterEntity(eksCluster, [byName, otherRegion, byRef])).toBe(byRef);
  });

  it('falls back to a name-only entity, and to none for another cluster', () => {
    expect(findClusterEntity(eksCluster, [byName, otherRegion])).toBe(byName);
    expect(findClusterEntity({ provider: 'gke', cluster: 'data-prod' }, [byName, byRef])).toBeUndefined();
  });

  it('breaks a tie by entity ref, whatever the order', () => {
    const twin = { ...byName, entityRef: 'resource:a/payments-prod' };
    expect(findClusterEntity(eksCluster, [byName, twin])).toBe(twin);
    expect(findClusterEntity(eksCluster, [twin, byName])).toBe(twin);
  });
});

describe('isEmittedByNodePools', () => {
  it('tells the entities of the nodepools provider by their origin location', () => {
    expect(isEmittedByNodePools({ 'backstage.io/managed-by-origin-location': 'nodepools:nodepools-provider:default' })).toBe(true);
    expect(isEmittedByNodePools({ 'backstage.io/managed-by-origin-location': 'url:https://git/catalog.yaml' })).toBe(false);
    expect(isEmittedByNodePools(undefined)).toBe(false);
  });
});

describe('clusterOfClusterEntity', () => {
  it('reads the annotation, else takes the entity name as the cluster name', () => {
    expect(
      clusterOfClusterEntity({
        metadata: { name: 'prod', annotations: { 'nodepools.io/cluster-ref': 'gke/acme/europe-west1/data-prod' } },
      }),
    ).toEqual({ provider: 'gke', account: 'acme', region: 'europe-west1', cluster: 'data-prod' });
    expect(clusterOfClusterEntity({ metadata: { name: 'payments-prod' } })).toEqual({
      provider: 'kubernetes',
      cluster: 'payments-prod',
    });
  });
});
