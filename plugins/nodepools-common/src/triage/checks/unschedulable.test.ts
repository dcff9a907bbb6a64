import type { Toleration } from '../kube';
import { checkNodeName } from './nodeName';
import { checkUnschedulable } from './unschedulable';

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
