import type { Taint } from '../model/pool';
import { poolSpec } from './__fixtures__/poolSpec';
import { analyzePendingPods as analyzeCompact } from './analyze';
import { expandTriageReport } from './report';
import { TriageInputError } from './read';
import type { PodTriage, TriageInput } from './types';

/** The per-pod shape, which these tests read pod by pod. */
const analyzePendingPods = (...args: Parameters<typeof analyzeCompact>) => expandTriageReport(analyzeCompact(...args));

/** Kubernetes objects in kubectl's JSON shape, built small. */
const node = (
  name: string,
  labels: Record<string, string>,
  allocatable: Record<string, string>,
  taints: Taint[] = [],
) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
  spec: taints.length ? { taints } : {},
  status: { allocatable, capacity: allocatable },
});

const pod = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: name.replace(/-\d+$/, '') } },
  spec,
  status: { phase: 'Pending' },
  ...extra,
});

const requests = (cpu: string, memory = '256Mi', more: Record<string, string> = {}) => ({
  containers: [{ name: 'main', resources: { requests: { cpu, memory, ...more } } }],
});

const running = (name: string, nodeName: string, cpu: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name, namespace: 'default', labels: { app: 'x' }, ...extra },
  spec: { nodeName, containers: [{ resources: { requests: { cpu } } }] },
  status: { phase: 'Running' },
});

const list = (items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items });


function triage(input: TriageInput, name: string): PodTriage {
  const found = analyzePendingPods(input).pods.find(p => p.name === name);
  if (!found) throw new Error(`${name} missing`);
  return found;
}

const verdict = (t: PodTriage, poolName: string) => t.pools.find(v => v.pool === poolName)!;

describe('Karpenter NodePools', () => {
  const karpenterNode = (name: string, type: string, cpu: string) =>
    node(name, { 'karpenter.sh/nodepool': 'default', 'node.kubernetes.io/instance-type': type, 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': 'us-east-1a' }, { cpu, memory: '15Gi', pods: '58' });
  const nodePool = (limits?: Record<string, string>) =>
    poolSpec({
      provider: 'karpenter',
      name: 'default',
      autoscaling: { enabled: true },
      requirements: [
        { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
        { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['4'] },
        { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      ],
      limits,
    });
  const cluster = (limits: Record<string, string> | undefined, pods: unknown[]): TriageInput => ({
    nodes: list([karpenterNode('k1', 'm6i.xlarge', '3920m'), karpenterNode('k2', 'm6i.xlarge', '3920m')]),
    pods: list([running('busy-1', 'k1', '3500m'), running('busy-2', 'k2', '3500m'), ...pods]),
    pools: [nodePool(limits)],
  });

  it.each([
    ['a pod that a new instance of an allowed type can hold fits after scale-up', undefined, '3', true, []],
    ['a pod larger than every allowed type never fits', undefined, '500', false, ['insufficient:cpu']],
    ['with its cpu limit nearly used, only a small enough new node is allowed', { cpu: '10' }, '1500m', true, []],
    ['a pod needing a node larger than what is left of the limits hits max-size', { cpu: '10' }, '3', false, ['max-size']],
  ])('%s', (_name, limits, cpu, fitsLater, codes) => {
    const result = triage(cluster(limits, [pod('app-1', requests(cpu))]), 'app-1');
    const v = verdict(result, 'default');
    expect(v.fitsNow).toBe(false);
    expect(v.fitsAfterScaleUp).toBe(fitsLater);
    for (const code of codes) expect(v.reasons.map(r => r.code)).toContain(code);
  });

  it('raises the NodePool limit when only the limit is in the way', () => {
    const fix = triage(cluster({ cpu: '10' }, [pod('app-1', requests('3'))]), 'app-1').fix;
    expect(fix).toMatchObject({ kind: 'raise-max', pool: 'default', max: { field: 'limits.cpu', from: 10000 } });
    expect(fix.text).toMatch(/^raise NodePool default's limits\.cpu from 10 to /);
  });

  it('an arm64 pod is outside the NodePool requirements', () => {
    const result = triage(
      cluster(undefined, [pod('arm-1', { ...requests('1'), nodeSelector: { 'kubernetes.io/arch': 'arm64' } })]),
      'arm-1',
    );
    expect(verdict(result, 'default').fitsAfterScaleUp).toBe(false);
    expect(verdict(result, 'default').reasons.map(r => r.code)).toContain('node-affinity');
    expect(result.fix).toMatchObject({ kind: 'new-pool', newPool: { arch: 'arm64' } });
  });
});

describe('pools without nodes, from the machine catalog', () => {
  const gpuPod = pod('train-1', {
    ...requests('2', '8Gi', { 'nvidia.com/gpu': '1' }),
    tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
  });

  it.each([
    ['a GKE GPU pool gets the GPU taint GKE adds; a tolerating pod fits after scale-up', poolSpec({ provider: 'gke', name: 'l4', machineTypes: ['g2-standard-8'] }), gpuPod, 'train-1', true],
    ['an AKS A100 pool takes the GPU pod', poolSpec({ provider: 'aks', name: 'gpu', machineTypes: ['Standard_NC24ads_A100_v4'] }), gpuPod, 'train-1', true],
    ['a DOKS pool of 2 GB droplets cannot hold 8 GiB', poolSpec({ provider: 'doks', name: 'small', machineTypes: ['s-1vcpu-2gb'] }), gpuPod, 'train-1', false],
    ['an EKS pool with max 0 cannot grow', poolSpec({ provider: 'eks', name: 'zero', machineTypes: ['m5.large'], autoscaling: { enabled: true, min: 0, max: 0 } }), pod('web-1', requests('500m')), 'web-1', false],
  ])('%s', (_name, p, pending, name, fitsLater) => {
    const result = triage({ nodes: list([]), pods: list([pending]), pools: [p] }, name);
    expect(verdict(result, p.name).fitsAfterScaleUp).toBe(fitsLater);
    expect(verdict(result, p.name).newNode).toMatchObject({ source: 'catalog', estimated: true });
  });

  it('a pod without the GPU toleration is kept off a GKE GPU pool by the taint GKE adds', () => {
    const result = triage(
      { nodes: list([]), pods: list([pod('cpu-1', requests('1'))]), pools: [poolSpec({ provider: 'gke', name: 'l4', machineTypes: ['g2-standard-8'] })] },
      'cpu-1',
    );
    expect(verdict(result, 'l4').reasons).toContainEqual({
      code: 'taint',
      message: 'untolerated taint nvidia.com/gpu=present:NoSchedule',
      scope: 'new-node',
    });
  });

  it('AKS spot pools carry the spot taint', () => {
    const result = triage(
      {
        nodes: list([]),
        pods: list([pod('web-1', requests('1'))]),
        pools: [poolSpec({ provider: 'aks', name: 'spot', machineTypes: ['Standard_D4s_v5'], capacityType: 'spot' })],
      },
      'web-1',
    );
    expect(verdict(result, 'spot').reasons.map(r => r.message)).toContain(
      'untolerated taint kubernetes.azure.com/scalesetpriority=spot:NoSchedule',
    );
  });

  it('a machine type missing from the catalog is noted, and its resources are not checked', () => {
    const report = analyzePendingPods({
      nodes: list([]),
      pods: list([pod('web-1', requests('64'))]),
      pools: [poolSpec({ provider: 'eks', name: 'odd', machineTypes: ['zz9.huge'] })],
    });
    expect(report.pods[0].pools[0]).toMatchObject({ fitsAfterScaleUp: true, newNode: { source: 'unknown', machineType: 'zz9.huge' } });
    expect(report.notes).toContain('pool odd: machine type zz9.huge is not in the catalog, so a new node\'s resources are not checked');
  });
});

describe('nodes without a pool definition', () => {
  const nodes = list([
    node('a1', { 'eks.amazonaws.com/nodegroup': 'apps' }, { cpu: '2', memory: '8Gi', pods: '29' }),
    node('b1', { 'alpha.eksctl.io/nodegroup-name': 'legacy' }, { cpu: '2', memory: '8Gi', pods: '29' }),
    node('c1', {}, { cpu: '2', memory: '8Gi', pods: '29' }),
  ]);

  it('still form pools, named by their pool label, a fallback label, or (unpooled)', () => {
    const report = analyzePendingPods({ nodes, pods: list([pod('web-1', requests('100m'))]) });
    expect(report.pools.map(p => [p.pool, p.provider, p.nodes])).toEqual([
      ['apps', 'eks', 1],
      ['legacy', 'kubernetes', 1],
      ['(unpooled)', 'kubernetes', 1],
    ]);
    expect(report.pods[0].schedulableNow).toBe(true);
  });

  it('are taken to be fixed in size', () => {
    const result = triage({ nodes, pods: list([pod('big-1', requests('3'))]) }, 'big-1');
    expect(verdict(result, 'apps').reasons).toContainEqual({
      code: 'max-size',
      message: 'no pool definition was given, so the pool is taken to be fixed at 1 node(s)',
      scope: 'pool',
    });
  });
});

describe('IP addresses per node (EKS VPC CNI)', () => {
  // An m5.large has 3 ENIs of 10 addresses: 3 x (10 - 1) + 2 = 29 pods.
  const full = (allowed: string) => {
    const n = node('n1', { 'eks.amazonaws.com/nodegroup': 'small', 'node.kubernetes.io/instance-type': 'm5.large' }, { cpu: '1930m', memory: '7Gi', pods: allowed });
    const runningPods = Array.from({ length: Number(allowed) }, (_, i) => running(`r${i}`, 'n1', '10m'));
    return {
      nodes: list([n]),
      pods: list([...runningPods, pod('web-1', requests('10m'))]),
      pools: [poolSpec({ provider: 'eks', name: 'small', machineTypes: ['m5.large'], nodeCount: 1, autoscaling: { enabled: true, min: 1, max: 1 } })],
    } as TriageInput;
  };

  it("a node full at its ENI-derived max pods blocks with the scheduler's insufficient:pods, the ENI cause in the message and prefix delegation as the fix", () => {
    const result = triage(full('29'), 'web-1');
    expect(verdict(result, 'small').reasons[0]).toEqual({
      code: 'insufficient:pods',
      message: "Too many pods: 29 of 29 allowed in use; 29 is the VPC CNI's IP address limit for m5.large: prefix delegation would allow 110",
      scope: 'nodes',
      nodes: 1,
    });
    expect(result.fix.kind).toBe('enable-prefix-delegation');
    expect(result.fix.text).toContain('to allow 110');
    expect(result.fix.text).toContain('ENABLE_PREFIX_DELEGATION=true on the aws-node daemonset');
  });

  it('with prefix delegation already on, or a max pods below the ENI limit, the node is just full', () => {
    const alreadyOn = analyzePendingPods(full('29'), { prefixDelegation: true }).pods.find(p => p.name === 'web-1')!;
    expect(verdict(alreadyOn, 'small').reasons[0]).toMatchObject({ code: 'insufficient:pods', message: 'Too many pods: 29 of 29 allowed in use' });
    const lower = triage(full('2'), 'web-1');
    expect(verdict(lower, 'small').reasons[0]).toMatchObject({ code: 'insufficient:pods', message: 'Too many pods: 2 of 2 allowed in use' });
    expect(lower.fix.kind).not.toBe('enable-prefix-delegation');
  });
});

describe('host ports', () => {
  it('a daemonset holding the port makes every new node of the pool conflict too', () => {
    const n = node('n1', { 'eks.amazonaws.com/nodegroup': 'apps' }, { cpu: '4', memory: '16Gi', pods: '29' });
    const exporter = {
      metadata: { name: 'exporter-x', namespace: 'mon', labels: { app: 'exporter' }, ownerReferences: [{ kind: 'DaemonSet', name: 'exporter' }] },
      spec: { nodeName: 'n1', containers: [{ resources: { requests: { cpu: '50m' } }, ports: [{ containerPort: 9100, hostPort: 9100 }] }] },
      status: { phase: 'Running' },
    };
    const wantsPort = pod('probe-1', { containers: [{ resources: { requests: { cpu: '10m' } }, ports: [{ containerPort: 9100, hostPort: 9100 }] }] });
    const result = triage(
      { nodes: list([n]), pods: list([exporter, wantsPort]), pools: [poolSpec({ provider: 'eks', name: 'apps', nodeCount: 1 })] },
      'probe-1',
    );
    expect(verdict(result, 'apps')).toMatchObject({ fitsNow: false, fitsAfterScaleUp: false });
    expect(verdict(result, 'apps').reasons).toEqual([
      { code: 'ports', message: 'host port 9100/TCP already in use', scope: 'nodes', nodes: 1 },
      { code: 'ports', message: "host port 9100/TCP already in use by the pool's daemonsets", scope: 'new-node' },
    ]);
  });
});

describe('smallest fixes', () => {
  const apps = node('n1', { 'eks.amazonaws.com/nodegroup': 'apps', 'kubernetes.io/arch': 'amd64' }, { cpu: '1930m', memory: '7Gi', pods: '29' });
  const batch = node('n2', { 'eks.amazonaws.com/nodegroup': 'batch', 'kubernetes.io/arch': 'amd64', workload: 'batch' }, { cpu: '3920m', memory: '15Gi', pods: '58' });
  const pools = [
    poolSpec({ provider: 'eks', name: 'apps', machineTypes: ['m5.large'], nodeCount: 1, autoscaling: { enabled: true, min: 1, max: 1 } }),
    poolSpec({ provider: 'eks', name: 'batch', machineTypes: ['m5.xlarge'], nodeCount: 1, labels: { workload: 'batch' } }),
  ];

  it('targets another pool when only the node selector is wrong', () => {
    const result = triage(
      { nodes: list([apps, batch]), pods: list([pod('etl-1', { ...requests('3'), nodeSelector: { workload: 'etl' } })]), pools },
      'etl-1',
    );
    expect(result.fix).toMatchObject({
      kind: 'target-pool',
      pool: 'batch',
      nodeSelector: { 'eks.amazonaws.com/nodegroup': 'batch' },
    });
  });

  it('lowers a request that is a little too large for every machine type in use', () => {
    const result = triage(
      {
        nodes: list([apps]),
        pods: list([pod('api-1', { ...requests('2'), nodeSelector: { 'eks.amazonaws.com/nodegroup': 'apps' } })]),
        pools: [{ ...pools[0], autoscaling: { enabled: true, min: 1, max: 3 } }],
      },
      'api-1',
    );
    expect(result.fix).toMatchObject({ kind: 'lower-request', pool: 'apps', request: { resource: 'cpu', from: '2', to: '1.93' } });
  });
});

describe('tolerations to suggest', () => {
  it('never opens a GPU pool to a pod that requests no GPU', () => {
    const gpuNode = node('g1', { 'eks.amazonaws.com/nodegroup': 'gpu', 'kubernetes.io/arch': 'amd64' }, { cpu: '3920m', memory: '15Gi', pods: '58', 'nvidia.com/gpu': '1' }, [
      { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
    ]);
    const report = analyzePendingPods({
      nodes: list([gpuNode]),
      pods: list([pod('cpu-1', requests('1'))]),
      pools: [poolSpec({ provider: 'eks', name: 'gpu', machineTypes: ['g5.xlarge'], nodeCount: 1, taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] })],
    });
    expect(report.pods[0].pools[0].reasons.map(r => r.code)).toEqual(['taint']);
    expect(report.pods[0].fix.kind).toBe('new-pool');
  });

  it('does open a dedicated pool whose taint is the only blocker', () => {
    const dedicated = node('d1', { 'eks.amazonaws.com/nodegroup': 'team-a', 'kubernetes.io/arch': 'amd64' }, { cpu: '3920m', memory: '15Gi', pods: '58' }, [
      { key: 'dedicated', value: 'team-a', effect: 'NoSchedule' },
    ]);
    const report = analyzePendingPods({
      nodes: list([dedicated]),
      pods: list([pod('cpu-1', requests('1'))]),
      pools: [poolSpec({ provider: 'eks', name: 'team-a', machineTypes: ['m5.xlarge'], nodeCount: 1, taints: [{ key: 'dedicated', value: 'team-a', effect: 'NoSchedule' }] })],
    });
    expect(report.pods[0].fix).toMatchObject({
      kind: 'add-toleration',
      pool: 'team-a',
      text: 'add the toleration for dedicated=team-a:NoSchedule: pool team-a then takes it on its current nodes',
    });
  });
});

describe('bad input', () => {
  it('rejects pods that are not a kubectl list, naming what it expected', () => {
    expect(() => analyzePendingPods({ pods: 'nope', nodes: list([]) })).toThrow(TriageInputError);
    expect(() => analyzePendingPods({ pods: { items: {} }, nodes: list([]) })).toThrow("pods: field 'items': must be a list");
  });

  it.each([
    ['a pod without a spec', list([{ metadata: { name: 'p1', namespace: 'ns' }, status: { phase: 'Pending' } }]), list([]), 'pods', 'Pod ns/p1', 'spec', 'is missing: a pod needs a spec'],
    ['a pod without a name', list([{ metadata: {}, spec: { containers: [] } }]), list([]), 'pods', 'pods item 0', 'metadata.name', 'is required'],
    ['a toleration with an unknown operator', list([pod('p1', { containers: [], tolerations: [{ key: 'a', operator: 'Maybe' }] })]), list([]), 'pods', 'Pod default/p1', 'spec.tolerations[0].operator', "must be one of Equal, Exists, got 'Maybe'"],
    ['a spread constraint without maxSkew', list([pod('p1', { containers: [], topologySpreadConstraints: [{ topologyKey: 'x', whenUnsatisfiable: 'DoNotSchedule' }] })]), list([]), 'pods', 'Pod default/p1', 'spec.topologySpreadConstraints[0].maxSkew', 'must be a whole number of at least 1, got nothing'],
    ['a node without allocatable resources', list([]), list([{ metadata: { name: 'n1' }, status: {} }]), 'nodes', 'Node n1', 'status.allocatable', 'is missing: without it the node cannot be checked for room'],
    ['a node taint with an unknown effect', list([]), list([{ metadata: { name: 'n1' }, spec: { taints: [{ key: 'a', effect: 'Sometimes' }] }, status: { allocatable: { cpu: '1' } } }]), 'nodes', 'Node n1', 'spec.taints[0].effect', "must be one of NoSchedule, PreferNoSchedule, NoExecute, got 'Sometimes'"],
  ])('skips %s and says which object and field', (_name, pods, nodes, listName, object, field, message) => {
    const report = analyzePendingPods({ pods, nodes });
    expect(report.skipped).toEqual([expect.objectContaining({ list: listName, object, field, message })]);
  });

  it('skips a pool definition with a bad field and keeps the others', () => {
    const report = analyzePendingPods({
      pods: list([]),
      nodes: list([]),
      pools: [poolSpec({ provider: 'eks', name: 'ok' }), { ...poolSpec({ provider: 'eks', name: 'bad' }), taints: [{ key: 'a', effect: 'Never' }] } as never],
    });
    expect(report.pools.map(p => p.pool)).toEqual(['ok']);
    expect(report.skipped).toEqual([
      expect.objectContaining({ list: 'pools', object: 'pool bad', field: 'taints[0].effect' }),
    ]);
  });
});

describe('clusters', () => {
  it('uses the pools of the cluster whose pool names match the nodes when several clusters are given', () => {
    const report = analyzePendingPods({
      nodes: list([node('n1', { 'cloud.google.com/gke-nodepool': 'default-pool' }, { cpu: '2', memory: '4Gi', pods: '110' })]),
      pods: list([]),
      pools: [
        poolSpec({ provider: 'gke', name: 'other', cluster: 'staging' }),
        poolSpec({ provider: 'gke', name: 'default-pool', cluster: 'prod' }),
      ],
    });
    expect(report.cluster).toBe('prod');
    expect(report.pools.map(p => p.pool)).toEqual(['default-pool']);
  });
});
