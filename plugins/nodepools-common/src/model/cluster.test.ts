import {
  clusterRef,
  clustersAgree,
  matchingClusters,
  parseClusterRef,
  parseClusterSelector,
  type ClusterIdentity,
} from './cluster';

const euProd: ClusterIdentity = { provider: 'eks', account: '111122223333', region: 'eu-west-1', cluster: 'prod' };
const usProd: ClusterIdentity = { ...euProd, region: 'us-east-1' };

describe('cluster refs', () => {
  it('are built like pool refs and read back', () => {
    expect(clusterRef(euProd)).toBe('eks/111122223333/eu-west-1/prod');
    expect(clusterRef({ provider: 'kubernetes', cluster: 'lab' })).toBe('kubernetes/-/-/lab');
    expect(parseClusterRef('eks/111122223333/eu-west-1/prod')).toEqual(euProd);
    expect(parseClusterRef('kubernetes/-/-/lab')).toEqual({ provider: 'kubernetes', cluster: 'lab' });
    expect(parseClusterSelector('lab')).toEqual({ provider: 'kubernetes', cluster: 'lab' });
  });

  it.each([
    ['eks/1/prod', 'expected provider/account/region/cluster'],
    ['azure/1/r/prod', "'azure' is not one of"],
    ['eks/1/r/-', 'the cluster name is missing'],
    ['eks/1/r/', 'the cluster name is missing'],
  ])('refuses %p', (ref, message) => {
    expect(() => parseClusterRef(ref)).toThrow(message);
  });

  it.each<[string, ClusterIdentity, ClusterIdentity, boolean]>([
    ['same cluster', euProd, euProd, true],
    ['other region', euProd, usProd, false],
    ['other name', euProd, { ...euProd, cluster: 'staging' }, false],
    ['other platform', euProd, { ...euProd, provider: 'gke' }, false],
    ['a name only', euProd, { provider: 'kubernetes', cluster: 'prod' }, true],
    ['Karpenter pools of the cluster', euProd, { ...euProd, provider: 'karpenter' }, true],
    ['unknown account, same region', euProd, { provider: 'eks', region: 'eu-west-1', cluster: 'prod' }, true],
  ])('%s', (_name, a, b, expected) => {
    expect(clustersAgree(a, b)).toBe(expected);
    expect(clustersAgree(b, a)).toBe(expected);
  });
});

describe('matchingClusters', () => {
  const nameOnly: ClusterIdentity = { provider: 'kubernetes', cluster: 'prod' };

  it('merges the pools of one cluster that say less about it', () => {
    expect(
      matchingClusters(nameOnly, [
        { ...euProd, provider: 'karpenter' },
        euProd,
        { provider: 'kubernetes', cluster: 'prod' },
        { provider: 'kubernetes', account: '111122223333', cluster: 'prod' },
      ]),
    ).toEqual([euProd]);
  });

  it('answers every cluster a bare name may mean', () => {
    expect(matchingClusters(nameOnly, [euProd, usProd, nameOnly])).toEqual([euProd, usProd]);
  });

  it('keeps only the clusters a ref agrees with', () => {
    expect(matchingClusters({ provider: 'eks', region: 'us-east-1', cluster: 'prod' }, [euProd, usProd])).toEqual([usProd]);
    expect(matchingClusters(euProd, [{ ...euProd, cluster: 'staging' }])).toEqual([]);
  });

  it('puts two halves of an identity together', () => {
    expect(
      matchingClusters(nameOnly, [
        { provider: 'kubernetes', account: 'a', cluster: 'prod' },
        { provider: 'kubernetes', region: 'r', cluster: 'prod' },
      ]),
    ).toEqual([{ provider: 'kubernetes', account: 'a', region: 'r', cluster: 'prod' }]);
  });
});
