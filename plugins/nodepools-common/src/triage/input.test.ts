import { buildClusterState } from './cluster';
import { TriageInputReader, readTriageInput } from './input';
import type { SkippedItem } from './types';

const HOSTNAME = 'kubernetes.io/hostname';
const GROUP = 'eks.amazonaws.com/nodegroup';

function node(name: string, allocatable: Record<string, string> = { cpu: '2', memory: '8Gi', pods: '29' }) {
  return {
    metadata: { name, labels: { [GROUP]: 'general', [HOSTNAME]: name } },
    status: { allocatable },
  };
}

function daemonPod(daemonSet: string, hostPort: number, nodeName: string) {
  return {
    metadata: { name: `${daemonSet}-${nodeName}`, namespace: 'kube-system', ownerReferences: [{ kind: 'DaemonSet', name: daemonSet }] },
    spec: {
      nodeName,
      containers: [{ name: 'c', resources: { requests: { cpu: '25m' } }, ports: [{ containerPort: hostPort, hostPort }] }],
    },
    status: { phase: 'Running' },
  };
}

function read(nodesFirst: boolean) {
  const skipped: SkippedItem[] = [];
  const nodes = [node('a'), node('b'), node('c', { cpu: '4', memory: '16Gi', pods: '58' })];
  const pods = ['a', 'b', 'c'].flatMap(n => [daemonPod('aws-node', 61678, n), daemonPod('kube-proxy', 10256, n)]);
  // A request body may list pods before nodes.
  const reader = new TriageInputReader(skipped);
  for (const field of nodesFirst ? (['nodes', 'pods'] as const) : (['pods', 'nodes'] as const)) {
    reader.list(field, { items: field === 'nodes' ? nodes : pods });
  }
  const input = reader.finish(undefined, []);
  expect(skipped).toEqual([]);
  return input;
}

describe('TriageInputReader', () => {
  it.each([
    ['nodes before their pods', true],
    ['pods before their nodes', false],
  ])('sums each node\'s pods into it with %s', (_, nodesFirst) => {
    const input = read(nodesFirst);
    for (const n of input.nodes) {
      expect(n.podCount).toBe(2);
      expect(input.requestedByNode.of(n.index)).toEqual({ cpu: 50 });
    }
    expect(input.nodes.map(n => n.name)).toEqual(['a', 'b', 'c']);
    expect(input.placedCount).toBe(6);
    expect([...input.placedByNamespace.keys()]).toEqual(['kube-system']);
    const placed = input.placedByNamespace.get('kube-system')!;
    // Read after its node, a pod has it; read before, the usage its node took over leads there.
    expect(placed.map(p => p.node?.name)).toEqual(nodesFirst ? ['a', 'a', 'b', 'b', 'c', 'c'] : Array(6).fill(undefined));
    expect(input.readBeforeTheirNode.map(({ pod, usage }) => [placed.indexOf(pod), usage.node?.name])).toEqual(
      nodesFirst ? [] : [[0, 'a'], [1, 'a'], [2, 'b'], [3, 'b'], [4, 'c'], [5, 'c']],
    );
    // Either way, once bound every placed pod has its node and the node's labels.
    const state = buildClusterState(input);
    expect(state.placed.all.map(p => [p.node.name, p.node.labels[HOSTNAME]])).toEqual(
      ['a', 'a', 'b', 'b', 'c', 'c'].map(n => [n, n]),
    );
    expect(state.placed.byNamespace.get('kube-system')).toHaveLength(6);
  });

  it('keeps the usage of a node that never comes by its name', () => {
    const skipped: SkippedItem[] = [];
    const input = readTriageInput({ nodes: { items: [node('a')] }, pods: { items: [daemonPod('aws-node', 61678, 'gone')] } }, skipped);
    const [pod] = input.placedByNamespace.get('kube-system')!;
    expect(pod.node).toBeUndefined();
    expect(input.readBeforeTheirNode).toEqual([{ pod, usage: expect.objectContaining({ nodeName: 'gone', podCount: 1, node: undefined }) }]);
    expect(input.nodes[0].podCount).toBe(0);
    // A pod whose node never came is left out of the pods affinity and spread count.
    expect(buildClusterState(input).placed.all).toEqual([]);
  });

  it('counts the pods of a namespace on nodes in the list, not those on a node that never comes', () => {
    const input = readTriageInput(
      {
        nodes: { items: [node('a')] },
        pods: { items: [daemonPod('aws-node', 61678, 'a'), daemonPod('kube-proxy', 10249, 'gone'), daemonPod('fluent-bit', 2020, 'a')] },
      },
      [],
    );
    expect(input.placedCount).toBe(3);
    const state = buildClusterState(input);
    expect(state.placed.byNamespace.get('kube-system')!.map(p => p.node.name)).toEqual(['a', 'a']);
    expect(state.placed.all).toHaveLength(2);
  });

  it.each([true, false])('shares what nodes have alike (nodes first: %s)', nodesFirst => {
    const [a, b, c] = read(nodesFirst).nodes;
    expect(b.allocatable).toBe(a.allocatable);
    expect(c.allocatable).not.toBe(a.allocatable);
    expect(c.allocatable).toEqual({ cpu: 4000, memory: 16 * 2 ** 30, pods: 58 });
    // The first pod of each DaemonSet (on a) is kept in full; b and c run equal ones, in one list.
    expect(c.daemonPods).toBe(b.daemonPods);
    expect(b.daemonPods).not.toBe(a.daemonPods);
    expect(b.daemonPods.map(p => p.daemonSet)).toEqual(['kube-system/aws-node', 'kube-system/kube-proxy']);
    // Every node claims the same host ports: one list.
    expect(b.usedPorts).toBe(a.usedPorts);
    expect(c.usedPorts).toBe(a.usedPorts);
    expect(a.usedPorts).toEqual([
      { port: 61678, protocol: 'TCP', ip: '0.0.0.0' },
      { port: 10256, protocol: 'TCP', ip: '0.0.0.0' },
    ]);
    expect(a.labels).toEqual({ [GROUP]: 'general', [HOSTNAME]: 'a' });
  });

  it('shares the lists of a node read before its pods and one read after them', () => {
    const reader = new TriageInputReader([]);
    reader.item('nodes', node('a'), 0);
    reader.item('pods', daemonPod('aws-node', 61678, 'a'), 0);
    reader.item('pods', daemonPod('aws-node', 61678, 'b'), 1);
    reader.item('nodes', node('b'), 1);
    const [a, b] = reader.finish(undefined, []).nodes;
    expect(b.usedPorts).toBe(a.usedPorts);
    expect(a.usedPorts).toEqual([{ port: 61678, protocol: 'TCP', ip: '0.0.0.0' }]);
  });

  it('holds nothing requested on a node without pods', () => {
    const input = readTriageInput({ nodes: { items: [node('idle')] }, pods: { items: [] } }, []);
    const [idle] = input.nodes;
    expect(idle.podCount).toBe(0);
    expect(input.requestedByNode.of(idle.index)).toEqual({});
  });

  it('frees on each node what its own pods request, read before or after it', () => {
    const cpuPod = (name: string, nodeName: string, cpu: string, memory?: string) => ({
      metadata: { name, namespace: 'shop' },
      spec: { nodeName, containers: [{ name: 'c', resources: { requests: { cpu, ...(memory ? { memory } : {}) } } }] },
      status: { phase: 'Running' },
    });
    const reader = new TriageInputReader([]);
    reader.item('pods', cpuPod('p1', 'b', '500m', '1Gi'), 0);
    reader.item('nodes', node('a', { cpu: '2', memory: '8Gi', pods: '29' }), 0);
    reader.item('pods', cpuPod('p2', 'a', '250m'), 1);
    reader.item('nodes', node('b', { cpu: '4', memory: '8Gi', pods: '29' }), 1);
    reader.item('pods', cpuPod('p3', 'b', '1'), 2);
    const input = reader.finish(undefined, []);
    expect(input.nodes.map(n => input.requestedByNode.of(n.index))).toEqual([{ cpu: 250 }, { cpu: 1500, memory: 2 ** 30 }]);
    const state = buildClusterState(input);
    const free = (name: string) => {
      const n = state.nodesByName.get(name)!;
      return Object.fromEntries(state.resources.names.map((resource, id) => [resource, n.free[n.freeAt + id]]));
    };
    expect(free('a')).toEqual({ pods: 28, cpu: 1750, memory: 8 * 2 ** 30 });
    expect(free('b')).toEqual({ pods: 27, cpu: 2500, memory: 7 * 2 ** 30 });
  });
});
