import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import { checkResources, resourcesCheck, type NodeCapacity } from './resources';

const Gi = 2 ** 30;
const node = (allocatable: Record<string, number>, requested: Record<string, number> = {}, podCount = 0): NodeCapacity => ({
  allocatable,
  requested,
  podCount,
});
const m5large = { cpu: 1930, memory: 7 * Gi, pods: 29, 'ephemeral-storage': 18 * Gi };

describe('checkResources', () => {
  it.each<[string, Record<string, number>, NodeCapacity, Array<[string, string]>]>([
    ['a pod that fits the free room passes', { cpu: 500, memory: Gi }, node(m5large, { cpu: 1000, memory: 2 * Gi }, 5), []],
    ['a pod exactly as large as the free room passes', { cpu: 930 }, node(m5large, { cpu: 1000 }, 1), []],
    ['too little cpu is reported with requested, free and allocatable', { cpu: 1000 }, node(m5large, { cpu: 1000 }, 3), [['insufficient:cpu', 'Insufficient cpu: requests 1, free 930m of 1.93 allocatable']]],
    [
      'every short resource is reported, not only the first',
      { cpu: 2000, memory: 8 * Gi },
      node(m5large),
      [
        ['insufficient:cpu', 'Insufficient cpu: requests 2, free 1.93 of 1.93 allocatable'],
        ['insufficient:memory', 'Insufficient memory: requests 8Gi, free 7Gi of 7Gi allocatable'],
      ],
    ],
    ['a full node reports too many pods even for a pod with no requests', {}, node(m5large, {}, 29), [['insufficient:pods', 'Too many pods: 29 of 29 allowed in use']]],
    ['a resource requested at zero is not checked', { cpu: 0, memory: 0 }, node({ pods: 10 }), []],
    ['a GPU pod does not fit a node without GPUs', { 'nvidia.com/gpu': 1 }, node(m5large), [['insufficient:nvidia.com/gpu', 'Insufficient nvidia.com/gpu: requests 1, node has none']]],
    ['a GPU pod fits a node with a free GPU', { 'nvidia.com/gpu': 1 }, node({ ...m5large, 'nvidia.com/gpu': 4 }, { 'nvidia.com/gpu': 3 }), []],
    ['ephemeral storage is checked', { 'ephemeral-storage': 20 * Gi }, node(m5large), [['insufficient:ephemeral-storage', 'Insufficient ephemeral-storage: requests 20Gi, free 18Gi of 18Gi allocatable']]],
    ['an overcommitted node shows no negative free room', { cpu: 100 }, node(m5large, { cpu: 2500 }), [['insufficient:cpu', 'Insufficient cpu: requests 100m, free 0 of 1.93 allocatable']]],
  ])('%s', (_name, requests, capacity, expected) => {
    expect(checkResources(requests, capacity).map(r => [r.code, r.message])).toEqual(expected);
  });
});

describe('NodeResourcesFit as a registered check', () => {
  const requests = (cpu: string) => ({ containers: [{ name: 'main', resources: { requests: { cpu } } }] });
  const input = (pending: Record<string, unknown>) => ({
    nodes: kube.list([kube.node('n1', {}, { cpu: '2', memory: '4Gi', pods: '3' })]),
    pods: kube.list([kube.running('busy', 'n1', requests('1500m')), kube.pending(pending)]),
  });
  it.each<[string, Record<string, unknown>, Array<[string, string]>]>([
    ['a pod that fits the free room passes', requests('500m'), []],
    ['a pod too large for the free room is short of cpu, with the numbers', requests('1'), [['insufficient:cpu', 'Insufficient cpu: requests 1, free 500m of 2 allocatable']]],
  ])('%s', (_name, spec, expected) => {
    const verdict = checkOnCluster(resourcesCheck, input(spec))('n1');
    expect(verdict.findings.map(f => [f.code, f.message])).toEqual(expected);
    expect(verdict.passes).toBe(expected.length === 0);
  });
});

describe('NodeResourcesFit semantics', () => {
  const requests = (amounts: Record<string, string>) => ({ containers: [{ name: 'main', resources: { requests: amounts } }] });
  const busy = (name: string, nodeName: string) => kube.running(name, nodeName, requests({ cpu: '1500m', memory: '3Gi' }));
  it.each<[string, Record<string, string>, Record<string, string>, number, boolean, string[]]>([
    ['a pod requesting no cpu and no memory fits a node whose pods already over-commit them', {}, { cpu: '2', memory: '4Gi', pods: '10' }, 2, true, []],
    ['a pod requesting cpu does not fit that node', { cpu: '100m' }, { cpu: '2', memory: '4Gi', pods: '10' }, 2, false, ['insufficient:cpu']],
    ['the pod count is still compared for a pod that requests nothing', {}, { cpu: '2', memory: '4Gi', pods: '2' }, 2, false, ['insufficient:pods']],
    ['resource names keep their case in reason codes', { 'hugepages-2Mi': '4Mi' }, { cpu: '2', memory: '4Gi', pods: '10', 'hugepages-2Mi': '2Mi' }, 0, false, ['insufficient:hugepages-2Mi']],
    ['an extended resource the node does not offer is short', { 'example.com/FPGA': '1' }, { cpu: '2', memory: '4Gi', pods: '10' }, 0, false, ['insufficient:example.com/FPGA']],
  ])('%s', (_name, asked, allocatable, running, fits, codes) => {
    const input = {
      nodes: kube.list([kube.node('n1', {}, allocatable)]),
      pods: kube.list([...Array.from({ length: running }, (_, i) => busy(`busy-${i}`, 'n1')), kube.pending(requests(asked))]),
    };
    const on = checkOnCluster(resourcesCheck, input);
    expect(on('n1').findings.map(f => f.code)).toEqual(codes);
    expect(on('n1').passes).toBe(fits);
    expect(on.fitsNow('n1')).toBe(fits);
  });

  it("names an EKS node's ENI limit as the cause when it is full at it", () => {
    // 3 ENIs x (10 addresses - 1) + 2
    const nodes = kube.list([kube.node('n1', { 'eks.amazonaws.com/nodegroup': 'ng', 'node.kubernetes.io/instance-type': 'm5.large' }, { cpu: '2', pods: '29' })]);
    const pods = kube.list([...Array.from({ length: 29 }, (_, i) => kube.running(`r${i}`, 'n1')), kube.pending({})]);
    expect(checkOnCluster(resourcesCheck, { nodes, pods })('n1').findings).toEqual([
      {
        code: 'insufficient:pods',
        message: "Too many pods: 29 of 29 allowed in use; 29 is the VPC CNI's IP address limit for m5.large: prefix delegation would allow 110",
      },
    ]);
  });
});
