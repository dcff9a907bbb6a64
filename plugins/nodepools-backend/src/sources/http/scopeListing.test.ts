import {
  ItemFieldError,
  ItemFieldErrors,
  type ExportContext,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import { toPlainRecord } from '../objects';
import { buildScopeListing, listScopes, parseRecords } from './scopeListing';

function pool(name: string): PoolSpec {
  return {
    provider: 'doks',
    cluster: 'prod',
    name,
    mode: 'user',
    os: 'linux',
    machineTypes: [],
    capacityType: 'on-demand',
    autoscaling: { enabled: false },
    labels: {},
    taints: [],
    zones: [],
    tags: {},
    raw: {},
  };
}

const parser = (item: unknown): PoolSpec => {
  const { name, fail } = item as { name: string; fail?: string };
  if (fail === 'one') throw new ItemFieldError('count', 'expected a non-negative integer');
  if (fail === 'many') {
    throw new ItemFieldErrors([
      new ItemFieldError('size', 'is required'),
      new ItemFieldError('taints.0.effect', 'unknown effect'),
    ]);
  }
  if (fail === 'bug') throw new TypeError('cannot read x of undefined');
  return pool(name);
};

describe('parseRecords', () => {
  it('maps good records and turns each unreadable field into an issue', () => {
    const records = [
      { index: 0, item: { name: 'a' } },
      { index: 1, item: { name: 'b', fail: 'one' } },
      { index: 2, item: { name: 'c', fail: 'many' } },
      { index: 3, item: { name: 'd', fail: 'bug' } },
      { index: 4, item: { name: 'e' } },
    ];

    const { parsed, issues } = parseRecords(records, parser, { file: 'doks/nyc1/prod' });

    expect(parsed.map(p => p.name)).toEqual(['a', 'e']);
    expect(issues).toEqual([
      { file: 'doks/nyc1/prod', index: 1, field: 'count', message: 'expected a non-negative integer' },
      { file: 'doks/nyc1/prod', index: 2, field: 'size', message: 'is required' },
      { file: 'doks/nyc1/prod', index: 2, field: 'taints.0.effect', message: 'unknown effect' },
      { file: 'doks/nyc1/prod', index: 3, field: undefined, message: 'cannot read x of undefined' },
    ]);
  });
});

describe('parseRecords warnings', () => {
  it('keeps what a parser read leniently as a warning naming the record', () => {
    const lenient = (item: unknown, context: ExportContext) => {
      context.onWarning?.({ file: context.file, field: 'status', message: "unknown status 'DEGRADING'" });
      return pool((item as { name: string }).name);
    };
    const { parsed, issues, warnings } = parseRecords(
      [{ index: 4, item: { name: 'a' } }],
      lenient,
      { file: 'eks/1/us-east-1/prod' },
    );

    expect(parsed.map(p => p.name)).toEqual(['a']);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([
      { file: 'eks/1/us-east-1/prod', index: 4, field: 'status', message: "unknown status 'DEGRADING'", severity: 'warning' },
    ]);
  });

  it('leaves a listing with only warnings complete', () => {
    const warning = { file: 's', index: 0, field: 'status', message: 'unknown', severity: 'warning' as const };
    expect(buildScopeListing({ scope: 's', pools: [pool('a')], warnings: [warning] })).toEqual({
      scope: 's',
      complete: true,
      pools: [pool('a')],
      issues: [warning],
    });
  });
});

describe('buildScopeListing', () => {
  it('is complete when nothing failed', () => {
    expect(buildScopeListing({ scope: 's', pools: [pool('a')] })).toEqual({
      scope: 's',
      complete: true,
      pools: [pool('a')],
    });
  });

  it('is incomplete with the first problem and a count of the others', () => {
    const listing = buildScopeListing({
      scope: 's',
      pools: [],
      failures: ['GET /a: HTTP 500'],
      issues: [
        { file: 's', index: 1, field: 'count', message: 'bad' },
        { file: 's', index: 2, field: 'size', message: 'bad' },
      ],
    });

    expect(listing.complete).toBe(false);
    expect(listing.error).toBe('GET /a: HTTP 500 (and 2 more problems)');
    expect(listing.issues).toHaveLength(2);
  });

  it('says which record and field when a record is the only problem', () => {
    const listing = buildScopeListing({
      scope: 's',
      pools: [pool('a')],
      issues: [{ file: 's', index: 1, field: 'count', message: 'bad' }],
    });

    expect(listing).toMatchObject({ complete: false, error: "s: item 1: field 'count': bad" });
  });
});

describe('toPlainRecord', () => {
  it('turns dates into ISO strings and drops absent fields', () => {
    expect(
      toPlainRecord({ at: new Date('2026-01-02T03:04:05Z'), gone: undefined, n: 1 }),
    ).toEqual({ at: '2026-01-02T03:04:05.000Z', n: 1 });
  });
});

describe('listScopes', () => {
  const clusters = { 'us-east-1': ['a', 'b', 'c'], 'eu-west-1': ['d'] };
  const list = (includeScope?: (scope: string) => boolean) => {
    const read: string[] = [];
    const listings = listScopes({
      groups: Object.keys(clusters) as Array<keyof typeof clusters>,
      enumerate: async region => clusters[region].map(name => ({ region, name })),
      keep: cluster => cluster.name !== 'c',
      scopeKey: cluster => `test/${cluster.region}/${cluster.name}`,
      includeScope,
      concurrency: 2,
      listScope: async cluster => {
        read.push(cluster.name);
        return buildScopeListing({ scope: `test/${cluster.region}/${cluster.name}`, pools: [pool(cluster.name)] });
      },
    });
    return listings.then(l => ({ scopes: l.map(x => x.scope), read }));
  };

  it('lists every kept scope of every group', async () => {
    await expect(list()).resolves.toEqual({
      scopes: ['test/us-east-1/a', 'test/us-east-1/b', 'test/eu-west-1/d'],
      read: ['a', 'b', 'd'],
    });
  });

  it("reads only the scopes a shard includes, by the key its listing carries", async () => {
    await expect(list(scope => scope.endsWith('/b') || scope.startsWith('test/eu-'))).resolves.toEqual({
      scopes: ['test/us-east-1/b', 'test/eu-west-1/d'],
      read: ['b', 'd'],
    });
  });
});
