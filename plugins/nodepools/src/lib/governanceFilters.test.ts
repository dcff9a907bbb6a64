import {
  costQueryOf,
  filtersFromSearchParams,
  findingQueryOf,
  poolQueryOf,
  withFilter,
} from './governanceFilters';

describe('governance filters', () => {
  it('reads the filters of a URL, dropping values the API would refuse', () => {
    const filters = filtersFromSearchParams(
      new URLSearchParams('rule=no-owner&rule=bogus&severity=high&severity=urgent&owner=group:default/a&state=later&groupBy=cluster'),
    );
    expect(filters).toEqual({
      rule: ['no-owner'],
      severity: ['high'],
      owner: ['group:default/a'],
      cluster: [],
      provider: [],
      state: 'open',
      groupBy: 'cluster',
    });
  });

  it('turns them into the query of each endpoint, without empty lists', () => {
    const filters = filtersFromSearchParams(
      new URLSearchParams('rule=no-owner&owner=group:default/a&provider=eks&state=all&groupBy=provider'),
    );
    expect(findingQueryOf(filters)).toEqual({ rule: ['no-owner'], owner: ['group:default/a'], state: 'all' });
    expect(costQueryOf(filters)).toEqual({ owner: ['group:default/a'], provider: ['eks'], groupBy: 'provider' });
    expect(poolQueryOf(filters)).toEqual({ owner: ['group:default/a'], provider: ['eks'] });
  });

  it('replaces one filter and keeps the others and the tab', () => {
    const next = withFilter(new URLSearchParams('tab=costs&owner=a&owner=b&rule=no-owner'), 'owner', ['c']);
    expect(next.toString()).toBe('tab=costs&rule=no-owner&owner=c');
    expect(withFilter(next, 'rule', []).toString()).toBe('tab=costs&owner=c');
  });
});
