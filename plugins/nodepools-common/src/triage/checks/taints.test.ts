import type { Taint } from '../../model/pool';
import type { Toleration } from '../kube';
import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import { checkTaints, taintsCheck, toleratesTaint, tolerationFor } from './taints';

const taint = (key: string, value: string | undefined, effect: Taint['effect']): Taint => ({
  key,
  ...(value !== undefined ? { value } : {}),
  effect,
});

describe('toleratesTaint', () => {
  it.each<[string, Toleration, Taint, boolean]>([
    ['Equal with the same key, value and effect tolerates', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, taint('dedicated', 'gpu', 'NoSchedule'), true],
    ['the operator defaults to Equal', { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, taint('dedicated', 'gpu', 'NoSchedule'), true],
    ['Equal with another value does not tolerate', { key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }, taint('dedicated', 'gpu', 'NoSchedule'), false],
    ['Equal with no value tolerates a taint with no value', { key: 'spot', operator: 'Equal', effect: 'NoSchedule' }, taint('spot', undefined, 'NoSchedule'), true],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, taint('dedicated', 'anything', 'NoSchedule'), true],
    ['Exists with another key does not tolerate', { key: 'other', operator: 'Exists' }, taint('dedicated', 'gpu', 'NoSchedule'), false],
    ['an empty key with Exists tolerates every taint', { operator: 'Exists' }, taint('anything', 'at-all', 'NoExecute'), true],
    ['an empty key with Equal tolerates nothing', { operator: 'Equal', value: 'x' }, taint('anything', 'x', 'NoSchedule'), false],
    ['an effect-less toleration matches every effect', { key: 'dedicated', operator: 'Exists' }, taint('dedicated', 'gpu', 'NoExecute'), true],
    ['an empty-string effect matches every effect', { key: 'dedicated', operator: 'Exists', effect: '' }, taint('dedicated', 'gpu', 'PreferNoSchedule'), true],
    ['a NoSchedule toleration does not cover a NoExecute taint', { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, taint('dedicated', 'gpu', 'NoExecute'), false],
  ])('%s', (_name, toleration, t, expected) => {
    expect(toleratesTaint(toleration, t)).toBe(expected);
  });
});

describe('checkTaints', () => {
  it.each<[string, Taint[], Toleration[], string | undefined]>([
    ['a node without taints passes', [], [], undefined],
    ['an untolerated NoSchedule taint blocks', [taint('dedicated', 'gpu', 'NoSchedule')], [], 'untolerated taint dedicated=gpu:NoSchedule'],
    ['an untolerated NoExecute taint blocks', [taint('maintenance', undefined, 'NoExecute')], [], 'untolerated taint maintenance:NoExecute'],
    ['a PreferNoSchedule taint never blocks', [taint('prefer', 'x', 'PreferNoSchedule')], [], undefined],
    ['a tolerated taint passes', [taint('dedicated', 'gpu', 'NoSchedule')], [{ key: 'dedicated', operator: 'Exists' }], undefined],
    [
      'every untolerated taint is listed, not only the first',
      [taint('a', '1', 'NoSchedule'), taint('b', undefined, 'NoExecute'), taint('c', '3', 'NoSchedule')],
      [{ key: 'b', operator: 'Exists' }],
      'untolerated taints a=1:NoSchedule, c=3:NoSchedule',
    ],
  ])('%s', (_name, taints, tolerations, message) => {
    expect(checkTaints(taints, tolerations)).toEqual(message === undefined ? undefined : { code: 'taint', message });
  });

  it('suggests a toleration that tolerates exactly the taint', () => {
    const t = taint('dedicated', 'gpu', 'NoSchedule');
    expect(tolerationFor(t)).toEqual({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' });
    expect(toleratesTaint(tolerationFor(t), t)).toBe(true);
    expect(tolerationFor(taint('spot', undefined, 'NoExecute'))).toEqual({ key: 'spot', operator: 'Exists', effect: 'NoExecute' });
  });
});

describe('TaintToleration as a registered check', () => {
  const nodes = kube.list([
    kube.node('tainted', {}, { cpu: '2', pods: '10' }, { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] }),
    kube.node('soft', {}, { cpu: '2', pods: '10' }, { taints: [{ key: 'spare', effect: 'PreferNoSchedule' }] }),
  ]);
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['a pod without tolerations is kept off a tainted node', {}, 'tainted', ['taint']],
    ['a pod that tolerates the taint may use the node', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }, 'tainted', []],
    ['a PreferNoSchedule taint keeps no pod off', {}, 'soft', []],
  ])('%s', (_name, spec, node, codes) => {
    const verdict = checkOnCluster(taintsCheck, { nodes, pods: kube.list([kube.pending(spec)]) })(node);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
    expect(verdict.passes).toBe(codes.length === 0);
  });
});
