import type { NodeSelectorRequirement, NodeSelectorTerm } from '../kube';
import { NEW_NODE_HOSTNAME } from '../labels';
import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import { checkNodeAffinity, compileNodeAffinity, matchesRequirement, nodeAffinityCheck, nodeAffinityKeys } from './nodeAffinity';

const amd64Node = {
  'kubernetes.io/os': 'linux',
  'kubernetes.io/arch': 'amd64',
  'topology.kubernetes.io/zone': 'us-east-1a',
  'node.kubernetes.io/instance-type': 'm5.large',
  'karpenter.k8s.aws/instance-generation': '5',
};

describe('matchesRequirement', () => {
  it.each<[string, NodeSelectorRequirement, string | undefined, boolean]>([
    ['In matches a listed value', { key: 'k', operator: 'In', values: ['a', 'b'] }, 'b', true],
    ['In does not match an unlisted value', { key: 'k', operator: 'In', values: ['a'] }, 'c', false],
    ['In does not match a missing label', { key: 'k', operator: 'In', values: ['a'] }, undefined, false],
    ['NotIn matches an unlisted value', { key: 'k', operator: 'NotIn', values: ['a'] }, 'b', true],
    ['NotIn matches a missing label', { key: 'k', operator: 'NotIn', values: ['a'] }, undefined, true],
    ['NotIn does not match a listed value', { key: 'k', operator: 'NotIn', values: ['a'] }, 'a', false],
    ['Exists matches any value', { key: 'k', operator: 'Exists' }, '', true],
    ['Exists does not match a missing label', { key: 'k', operator: 'Exists' }, undefined, false],
    ['DoesNotExist matches a missing label', { key: 'k', operator: 'DoesNotExist' }, undefined, true],
    ['DoesNotExist does not match a present label', { key: 'k', operator: 'DoesNotExist' }, 'x', false],
    ['Gt compares as integers', { key: 'k', operator: 'Gt', values: ['4'] }, '10', true],
    ['Gt is strict', { key: 'k', operator: 'Gt', values: ['5'] }, '5', false],
    ['Lt compares as integers', { key: 'k', operator: 'Lt', values: ['10'] }, '9', true],
    ['Gt does not match a value that is not an integer', { key: 'k', operator: 'Gt', values: ['1'] }, '2.5', false],
    ['Gt does not match a missing label', { key: 'k', operator: 'Gt', values: ['1'] }, undefined, false],
    ['Gt with two values is invalid and matches nothing', { key: 'k', operator: 'Gt', values: ['1', '2'] }, '5', false],
    ['a new node name is never In a list of names', { key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }, NEW_NODE_HOSTNAME, false],
    ['a new node name is NotIn any list of names', { key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['n1'] }, NEW_NODE_HOSTNAME, true],
  ])('%s', (_name, requirement, value, expected) => {
    expect(matchesRequirement(requirement, value)).toBe(expected);
  });
});

describe('checkNodeAffinity', () => {
  const term = (...matchExpressions: NodeSelectorRequirement[]): NodeSelectorTerm => ({ matchExpressions });
  it.each<[string, Record<string, string> | undefined, NodeSelectorTerm[] | undefined, string | undefined]>([
    ['no selector and no affinity matches every node', undefined, undefined, undefined],
    ['a nodeSelector on the node arch matches', { 'kubernetes.io/arch': 'amd64' }, undefined, undefined],
    ['a nodeSelector for arm64 does not match an amd64 node', { 'kubernetes.io/arch': 'arm64' }, undefined, 'nodeSelector requires kubernetes.io/arch=arm64, node has amd64'],
    ['a nodeSelector on a missing label does not match', { team: 'a' }, undefined, 'nodeSelector requires team=a, node has no such label'],
    ['a term matches when all its expressions match', undefined, [term({ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }, { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'] })], undefined],
    ['a term fails when one expression fails', undefined, [term({ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }, { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1b'] })], 'node affinity requires topology.kubernetes.io/zone In [us-east-1b], node has us-east-1a'],
    ['terms are ORed: one matching term is enough', undefined, [term({ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }), term({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.large'] })], undefined],
    ['when no term matches every term is explained', undefined, [term({ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }), term({ key: 'gpu', operator: 'Exists' })], 'no node affinity term matches: term 1 requires kubernetes.io/arch In [arm64], node has amd64; term 2 requires gpu Exists, node has no such label'],
    ['a numeric Gt requirement on the instance generation', undefined, [term({ key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['4'] })], undefined],
    ['an empty term matches no node', undefined, [{}], 'node affinity is an empty term, which matches no node'],
    ['an empty list of terms matches no node', undefined, [], 'required node affinity has no terms, so it matches no node'],
    ['nodeSelector and affinity must both match', { 'kubernetes.io/os': 'windows' }, [term({ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] })], 'nodeSelector requires kubernetes.io/os=windows, node has linux'],
    ['matchFields on metadata.name pins one node', undefined, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }], undefined],
    ['matchFields on another node name does not match', undefined, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }], 'node affinity requires field metadata.name In [n2], node is n1'],
  ])('%s', (_name, nodeSelector, terms, message) => {
    expect(checkNodeAffinity(compileNodeAffinity(nodeSelector, terms), amd64Node, 'n1')).toEqual(
      message === undefined ? undefined : { code: 'node-affinity', message },
    );
  });

  it('lists the label keys an affinity reads, with matchFields as the hostname', () => {
    const affinity = compileNodeAffinity({ b: '1' }, [
      { matchExpressions: [{ key: 'a', operator: 'Exists' }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] },
    ]);
    expect(nodeAffinityKeys(affinity)).toEqual(['a', 'b', 'kubernetes.io/hostname']);
  });
});

describe('NodeAffinity as a registered check', () => {
  const nodes = kube.list([
    kube.node('n1', { 'topology.kubernetes.io/zone': 'a', disk: 'ssd' }, { cpu: '2', pods: '10' }),
    kube.node('n2', { 'topology.kubernetes.io/zone': 'b' }, { cpu: '2', pods: '10' }),
  ]);
  const required = (...terms: NodeSelectorTerm[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  });
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['a node selector the node matches passes', { nodeSelector: { disk: 'ssd' } }, 'n1', []],
    ['a node selector on a label the node lacks fails', { nodeSelector: { disk: 'ssd' } }, 'n2', ['node-affinity']],
    ['a term on the zone picks the nodes of that zone', required({ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['b'] }] }), 'n2', []],
    ['a term on the hostname is checked node by node', required({ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['n1'] }] }), 'n1', ['node-affinity']],
    ['a term on the node name pins the pod to that node', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }), 'n2', []],
  ])('%s', (_name, spec, node, codes) => {
    const verdict = checkOnCluster(nodeAffinityCheck, { nodes, pods: kube.list([kube.pending(spec)]) })(node);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
    expect(verdict.passes).toBe(codes.length === 0);
  });
});

describe("NodeAffinity semantics, as kube-scheduler builds the pod's selector", () => {
  const nodes = kube.list([
    kube.node('empty-value', { foo: '', 'topology.kubernetes.io/zone': 'a', 'kops.k8s.io/instancegroup': 'one' }, { cpu: '2', pods: '10' }),
    kube.node('no-label', { 'topology.kubernetes.io/zone': 'a', 'kops.k8s.io/instancegroup': 'other' }, { cpu: '2', pods: '10' }),
  ]);
  const required = (...terms: NodeSelectorTerm[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  });
  const zoneA: NodeSelectorTerm = { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] };
  it.each<[string, Record<string, unknown>, string, boolean]>([
    ['a pod requiring foo In [""] is analysed and fits a node labelled foo=""', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: [''] }] }), 'empty-value', true],
    ['a pod requiring foo In [""] does not fit a node without the label', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: [''] }] }), 'no-label', false],
    ['a pod requiring foo NotIn [""] does not fit a node labelled foo=""', required({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: [''] }] }), 'empty-value', false],
    ['a nodeSelector foo="" fits a node labelled foo=""', { nodeSelector: { foo: '' } }, 'empty-value', true],
    ['a nodeSelector foo="" does not fit a node without the label', { nodeSelector: { foo: '' } }, 'no-label', false],
    ['a term with neither matchExpressions nor matchFields matches no node', required({}), 'no-label', false],
    ['an empty list of terms matches no node', required(), 'no-label', false],
    ['an empty term beside a matching one leaves the match to the other term', required({}, zoneA), 'no-label', true],
    ["a value that is not a valid label value in In makes the term match nothing", required({ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'not valid!'] }] }), 'no-label', false],
    ['a value that is not a valid label value in NotIn makes the term match nothing, even where the label is absent', required({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['-bad-'] }] }), 'no-label', false],
    ['a value of 64 characters is not a valid label value', required({ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'x'.repeat(64)] }] }), 'no-label', false],
    ['an invalid term beside a valid one leaves the match to the valid term', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['no way'] }] }, zoneA), 'no-label', true],
    ['In with no values matches nothing', required({ matchExpressions: [{ key: 'foo', operator: 'In', values: [] }] }), 'empty-value', false],
    ['Exists with values matches nothing', required({ matchExpressions: [{ key: 'foo', operator: 'Exists', values: ['x'] }] }), 'empty-value', false],
    ['a field requirement with two values matches nothing', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['no-label', 'other'] }] }), 'no-label', false],
    ['Gt takes a signed integer', required({ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['+1'] }] }), 'no-label', false],
  ])('%s', (_name, spec, node, fits) => {
    const on = checkOnCluster(nodeAffinityCheck, { nodes, pods: kube.list([kube.pending(spec)]) });
    expect(on(node).passes).toBe(fits);
    expect(on(node).findings.map(f => f.code)).toEqual(fits ? [] : ['node-affinity']);
    expect(on.fitsNow(node)).toBe(fits);
  });

  it('says why a term the scheduler rejects matches no node', () => {
    const affinity = compileNodeAffinity(undefined, [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['gold', 'not valid!'] }] }]);
    expect(checkNodeAffinity(affinity, { tier: 'gold' }, 'n1')?.message).toBe(
      "node affinity requires tier In [gold, not valid!], which the scheduler rejects ('not valid!' is not a valid label value), so it matches no node",
    );
  });
});
