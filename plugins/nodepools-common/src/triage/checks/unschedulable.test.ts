import type { Toleration } from '../kube';
import { checkNodeName } from './nodeName';
import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import { checkUnschedulable, unschedulableCheck } from './unschedulable';

describe('checkUnschedulable', () => {
  it.each<[string, boolean, Toleration[], boolean]>([
    ['a schedulable node passes', false, [], true],
    ['a cordoned node blocks a pod without tolerations', true, [], false],
    ['a cordoned node takes a pod that tolerates its unschedulable taint', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], true],
    ['a cordoned node takes a pod that tolerates everything', true, [{ operator: 'Exists' }], true],
    ['a NoExecute toleration does not cover the cordon', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }], false],
  ])('%s', (_name, unschedulable, tolerations, passes) => {
    expect(checkUnschedulable(unschedulable, tolerations)).toEqual(
      passes ? undefined : { code: 'unschedulable', message: 'node is unschedulable (cordoned)' },
    );
  });
});

describe('checkNodeName', () => {
  it.each<[string, string | undefined, string, boolean]>([
    ['a pod that names no node fits any node', undefined, 'n1', true],
    ['a pod fits the node it names', 'n1', 'n1', true],
    ['a pod does not fit another node', 'n1', 'n2', false],
  ])('%s', (_name, podNodeName, nodeName, passes) => {
    expect(checkNodeName(podNodeName, nodeName)?.code).toBe(passes ? undefined : 'node-name');
  });
});

describe('NodeUnschedulable as a registered check', () => {
  const nodes = kube.list([
    kube.node('cordoned', {}, { cpu: '2', pods: '10' }, { unschedulable: true }),
    kube.node('open', {}, { cpu: '2', pods: '10' }),
  ]);
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['a cordoned node takes no ordinary pod', {}, 'cordoned', ['unschedulable']],
    ['a node that is not cordoned is fine', {}, 'open', []],
    [
      'a pod that tolerates the unschedulable taint may use a cordoned node',
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
      'cordoned',
      [],
    ],
  ])('%s', (_name, spec, node, codes) => {
    const verdict = checkOnCluster(unschedulableCheck, { nodes, pods: kube.list([kube.pending(spec)]) })(node);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
    expect(verdict.passes).toBe(codes.length === 0);
  });
});
