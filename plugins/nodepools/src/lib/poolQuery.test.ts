import {
  poolQueryFromSearchParams,
  poolQueryKey,
  poolQueryToSearchParams,
} from './poolQuery';

describe('poolQuery', () => {
  it('writes multi-valued filters as repeated parameters', () => {
    const params = poolQueryToSearchParams({
      provider: ['eks', 'gke'],
      mode: ['system'],
      q: 'gpu',
      sort: 'nodeCount',
      order: 'desc',
      limit: 50,
      cursor: 'abc',
      includeTombstoned: true,
    });
    expect(params.getAll('provider')).toEqual(['eks', 'gke']);
    expect(params.toString()).toBe(
      'provider=eks&provider=gke&mode=system&q=gpu&sort=nodeCount&order=desc&limit=50&cursor=abc&includeTombstoned=true',
    );
  });

  it('leaves out empty parts', () => {
    expect(poolQueryToSearchParams({ provider: [], q: '' }).toString()).toBe('');
  });

  it('reads back what it wrote, without paging', () => {
    const query = {
      provider: ['aks'],
      cluster: ['prod-weu'],
      region: ['westeurope'],
      owner: ['group:default/payments'],
      mode: ['user'],
      capacityType: ['spot'],
      q: 'win',
      sort: 'cluster' as const,
      order: 'asc' as const,
      includeTombstoned: true,
    };
    const params = poolQueryToSearchParams({ ...query, cursor: 'c', limit: 5 });
    expect(poolQueryFromSearchParams(params)).toEqual(query);
  });

  it('drops unknown sort fields, orders and duplicate values', () => {
    const params = new URLSearchParams(
      'sort=price&order=up&provider=eks&provider=eks&provider=&q=%20%20',
    );
    expect(poolQueryFromSearchParams(params)).toEqual({ provider: ['eks'] });
  });

  it('gives equal keys to equal queries', () => {
    expect(poolQueryKey({ provider: ['eks'], q: 'a' })).toBe(
      poolQueryKey(poolQueryFromSearchParams(new URLSearchParams('q=a&provider=eks'))),
    );
  });
});
