import type { PoolVerdict, TriageReason } from '@nodepools/plugin-nodepools-common';
import {
  describeReason,
  reasonColumns,
  sortVerdicts,
  verdictCells,
  type CellStatus,
} from './verdictCells';

function verdict(pool: string, fields: Partial<PoolVerdict> = {}): PoolVerdict {
  return {
    cluster: 'prod',
    pool,
    provider: 'eks',
    ref: `eks/1/us-east-1/prod/${pool}`,
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [],
    newNode: { machineType: 'm5.large', source: 'node', estimated: false },
    ...fields,
  };
}

const cpuOnNodes: TriageReason = {
  code: 'insufficient:cpu',
  message: 'Insufficient cpu: requests 2, free at most 500m of 1.93 allocatable',
  scope: 'nodes',
  nodes: 2,
};
const cpuOnNewNode: TriageReason = {
  code: 'insufficient:cpu',
  message: 'Insufficient cpu: requests 2, free on a new node 1.8 of 1.93 allocatable',
  scope: 'new-node',
};
const taint: TriageReason = {
  code: 'taint',
  message: 'untolerated taint dedicated=gpu:NoSchedule',
  scope: 'pool',
  nodes: 1,
};
const atMax: TriageReason = {
  code: 'max-size',
  message: 'the pool is at its max size (3 of max 3 nodes)',
  scope: 'pool',
};

const statuses = (cells: ReturnType<typeof verdictCells>) =>
  Object.fromEntries(cells.map(cell => [cell.code, cell.status]));

describe('reasonColumns', () => {
  it('orders codes as the scheduler checks them, usual resources first', () => {
    const verdicts = [
      verdict('a', {
        reasons: [
          atMax,
          { ...cpuOnNodes, code: 'insufficient:nvidia.com/gpu' },
          { ...cpuOnNodes, code: 'insufficient:memory' },
          cpuOnNodes,
        ],
      }),
      verdict('b', {
        reasons: [taint, { code: 'topology-spread', message: 'skew', scope: 'pool' }],
      }),
      verdict('c', { reasons: [{ code: 'node-affinity', message: 'x', scope: 'pool' }, taint] }),
    ];
    expect(reasonColumns(verdicts)).toEqual([
      'taint',
      'node-affinity',
      'insufficient:cpu',
      'insufficient:memory',
      'insufficient:nvidia.com/gpu',
      'topology-spread',
      'max-size',
    ]);
  });

  it('keeps a code it does not know, after the known ones', () => {
    expect(
      reasonColumns([verdict('a', { reasons: [{ code: 'taint', message: '', scope: 'pool' }, { code: 'dra' as never, message: '', scope: 'pool' }] })]),
    ).toEqual(['taint', 'dra']);
  });
});

describe('verdictCells', () => {
  const columns = ['taint', 'insufficient:cpu', 'max-size'];

  it.each<[string, PoolVerdict, number | undefined, Record<string, CellStatus>]>([
    [
      'a pool that takes the pod now',
      verdict('general', { fitsNow: true, fitsAfterScaleUp: true }),
      3,
      { 'fits-now': 'pass', 'fits-after-scale-up': 'pass', taint: 'pass', 'insufficient:cpu': 'pass', 'max-size': 'pass' },
    ],
    [
      'full nodes, room on a new one',
      verdict('general', { fitsAfterScaleUp: true, reasons: [cpuOnNodes] }),
      2,
      { 'fits-now': 'blocker', 'fits-after-scale-up': 'pass', taint: 'pass', 'insufficient:cpu': 'blocker', 'max-size': 'pass' },
    ],
    [
      'tainted and at max',
      verdict('gpu', { reasons: [taint, atMax] }),
      3,
      { 'fits-now': 'blocker', 'fits-after-scale-up': 'blocker', taint: 'blocker', 'insufficient:cpu': 'pass', 'max-size': 'blocker' },
    ],
    [
      'scaled to zero: nothing fits now, which is not a blocker',
      verdict('batch', { fitsAfterScaleUp: true, newNode: { machineType: 'c5.xlarge', source: 'catalog', estimated: true } }),
      0,
      { 'fits-now': 'na', 'fits-after-scale-up': 'pass', taint: 'pass', 'insufficient:cpu': 'pass', 'max-size': 'pass' },
    ],
    [
      'scaled to zero with a machine type the catalog lacks: resources unchecked',
      verdict('odd', { fitsAfterScaleUp: true, newNode: { machineType: 'zz9.huge', source: 'unknown', estimated: true } }),
      0,
      { 'fits-now': 'na', 'fits-after-scale-up': 'pass', taint: 'pass', 'insufficient:cpu': 'na', 'max-size': 'pass' },
    ],
    [
      'no nodes and no template: nothing was checked',
      verdict('ghost', { newNode: undefined }),
      0,
      { 'fits-now': 'na', 'fits-after-scale-up': 'na', taint: 'na', 'insufficient:cpu': 'na', 'max-size': 'na' },
    ],
    [
      'nodes but no template: the scale-up question does not apply',
      verdict('onprem', { newNode: undefined, reasons: [cpuOnNodes] }),
      undefined,
      { 'fits-now': 'blocker', 'fits-after-scale-up': 'na', taint: 'pass', 'insufficient:cpu': 'blocker', 'max-size': 'pass' },
    ],
  ])('%s', (_name, input, nodes, expected) => {
    expect(statuses(verdictCells(input, columns, nodes))).toEqual(expected);
  });

  it('explains each column with the blockers found where it looked', () => {
    const cells = verdictCells(
      verdict('general', { reasons: [cpuOnNodes, cpuOnNewNode, atMax] }),
      columns,
      2,
    );
    const details = Object.fromEntries(cells.map(cell => [cell.code, cell.details]));
    expect(details['fits-now']).toEqual([
      'on 2 nodes: Insufficient cpu: requests 2, free at most 500m of 1.93 allocatable',
      'the pool is at its max size (3 of max 3 nodes)',
    ]);
    expect(details['fits-after-scale-up']).toEqual([
      'on a new node: Insufficient cpu: requests 2, free on a new node 1.8 of 1.93 allocatable',
      'the pool is at its max size (3 of max 3 nodes)',
    ]);
    expect(details['insufficient:cpu']).toHaveLength(2);
    expect(details.taint).toEqual([]);
  });

  it('says what a new node would be when a scale-up takes the pod', () => {
    const [, afterScaleUp] = verdictCells(
      verdict('batch', {
        fitsAfterScaleUp: true,
        newNode: { machineType: 'c5.xlarge', source: 'catalog', estimated: true },
      }),
      [],
      0,
    );
    expect(afterScaleUp.details).toEqual([
      'a new c5.xlarge node takes it (resources estimated from the machine catalog)',
    ]);
  });
});

describe('describeReason', () => {
  it('names where a blocker was found', () => {
    expect(describeReason({ ...cpuOnNodes, nodes: 1 })).toMatch(/^on 1 node: /);
    expect(describeReason({ ...cpuOnNodes, nodes: undefined })).toMatch(/^on its nodes: /);
    expect(describeReason(cpuOnNewNode)).toMatch(/^on a new node: /);
    expect(describeReason(taint)).toBe('untolerated taint dedicated=gpu:NoSchedule');
  });
});

describe('sortVerdicts', () => {
  it('puts pools that fit now first, then after a scale-up, then by fewest blockers', () => {
    const sorted = sortVerdicts([
      verdict('z-two-blockers', { reasons: [taint, atMax] }),
      verdict('y-later', { fitsAfterScaleUp: true, reasons: [cpuOnNodes] }),
      verdict('b-one-blocker', { reasons: [taint] }),
      verdict('x-now', { fitsNow: true, fitsAfterScaleUp: true }),
      verdict('a-one-blocker', { reasons: [cpuOnNodes, cpuOnNewNode] }),
    ]);
    expect(sorted.map(v => v.pool)).toEqual([
      'x-now',
      'y-later',
      'a-one-blocker',
      'b-one-blocker',
      'z-two-blockers',
    ]);
  });
});
