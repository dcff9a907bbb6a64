import { exportCsv, exportRows, neutralizeFormula, toCsv } from './export';
import { row } from './__fixtures__/rows';
import type { GovernanceFindingRecord } from './types';

const columns = [
  { key: 'text', header: 'Text' },
  { key: 'n', header: 'N' },
];

describe('toCsv', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ["'quoted already", "'quoted already"],
  ])('neutralizes %j as %j', (text, expected) => {
    expect(neutralizeFormula(text)).toBe(expected);
    expect(toCsv(columns, [{ text, n: 1 }])).toBe(`Text,N\r\n${expected},1\r\n`);
  });

  it('a text cell starting with a carriage return is neutralized and quoted', () => {
    expect(toCsv(columns, [{ text: '\r=1+1', n: null }])).toBe(`Text,N\r\n"'\r=1+1",\r\n`);
  });

  it('numbers are not text: negative numbers stay as they are', () => {
    expect(toCsv(columns, [{ text: '-', n: -12.5 }])).toBe("Text,N\r\n'-,-12.5\r\n");
  });

  it.each([
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['=a,"b"', `"'=a,""b"""`],
  ])('quotes %j as %j (RFC 4180)', (text, expected) => {
    expect(toCsv(columns, [{ text, n: 0 }])).toBe(`Text,N\r\n${expected},0\r\n`);
  });

  it('empty cells for null, undefined and non-finite numbers; booleans as words', () => {
    expect(toCsv([...columns, { key: 'b', header: 'B' }], [{ text: null, n: Number.NaN, b: true }, { text: '', n: Infinity, b: false }])).toBe(
      'Text,N,B\r\n,,true\r\n,,false\r\n',
    );
  });

  it('headers are neutralized and quoted like cells', () => {
    expect(toCsv([{ key: 'a', header: '=x,y' }], [])).toBe(`"'=x,y"\r\n`);
  });
});

describe('exportRows', () => {
  const pool = row({ name: 'web', owner: 'group:default/a', monthly: 140.155, idleMonthly: 70.08, nodes: 2, cpu: [1, 3.86], memoryGiB: [2.5, 14] });
  pool.suggestions = [
    { kind: 'right-size', message: '', monthlySaving: 70.08, details: {} },
    { kind: 'retire', message: '', monthlySaving: 140.16, details: {} },
  ];

  it('pools: one object per pool; the CSV writes the same values', () => {
    const { rows } = exportRows('pools', [pool]);
    expect(rows[0]).toMatchObject({
      ref: 'eks/acct/region/prod/web',
      owner: 'group:default/a',
      nodes: 2,
      requestedCpu: 1,
      allocatableCpu: 3.86,
      requestedMemoryGiB: 2.5,
      monthlyCost: 140.16,
      idleMonthly: 70.08,
      suggestions: 'right-size retire',
      monthlySaving: 140.16,
      machineType: null,
      estimated: false,
    });
    const csv = exportCsv('pools', [pool]).split('\r\n');
    expect(csv[0].startsWith('Pool ref,Pool,Cluster,Cluster ref,Provider,Owner,Mode,Nodes,')).toBe(true);
    expect(csv[1].startsWith('eks/acct/region/prod/web,web,prod,eks/acct/region/prod,eks,group:default/a,user,2,1,3.86,2.5,14,,140.16,70.08,')).toBe(true);
  });

  it('findings: a message that starts with = cannot run in a spreadsheet', () => {
    const finding: GovernanceFindingRecord = {
      id: 'gov-1',
      rule: 'no-owner',
      severity: 'medium',
      subject: { kind: 'pool', ref: 'eks/a/b/c/=cmd' },
      clusterRef: 'eks/a/b/c',
      message: '=HYPERLINK("http://x")',
      details: {},
      fix: 'tag it',
      firstSeenAt: '2026-12-01T00:00:00Z',
      lastChangedAt: '2026-12-01T00:00:00Z',
      acknowledgement: { by: 'user:default/jo', at: '2026-12-01T00:00:00Z', reason: '-known', expiresAt: '2027-01-01T00:00:00Z' },
    };
    const { rows } = exportRows('findings', [finding]);
    expect(rows[0]).toMatchObject({ message: '=HYPERLINK("http://x")', acknowledgedReason: '-known', resolvedAt: null });
    const line = exportCsv('findings', [finding]).split('\r\n')[1];
    expect(line).toBe(
      `gov-1,no-owner,medium,pool,eks/a/b/c/=cmd,eks/a/b/c,,"'=HYPERLINK(""http://x"")",tag it,2026-12-01T00:00:00Z,,user:default/jo,'-known,2027-01-01T00:00:00Z`,
    );
  });

  it('costs: the roll-up rows', () => {
    const { rows } = exportRows('costs', [
      { key: '-', pools: 1, capacity: { nodes: 2, requested: { cpu: 1 }, allocatable: { cpu: 2 } }, monthlyCost: 10.004, idleMonthly: 5, estimated: true, unpricedPools: 0 },
    ]);
    expect(rows).toEqual([
      { key: '-', pools: 1, nodes: 2, requestedCpu: 1, allocatableCpu: 2, requestedMemoryGiB: null, allocatableMemoryGiB: null, monthlyCost: 10, idleMonthly: 5, estimated: true, unpricedPools: 0 },
    ]);
    expect(exportCsv('costs', [] as never).split('\r\n')[1]).toBe('');
    expect(exportCsv('costs', [{ key: '-', pools: 0, capacity: { nodes: 0, requested: {}, allocatable: {} }, monthlyCost: 0, idleMonthly: 0, estimated: false, unpricedPools: 0 }]).split('\r\n')[1]).toBe(
      "'-,0,0,,,,,0,0,false,0",
    );
  });
});
