/*
 * The adversarial triage inputs of issue 8 as `POST /triage/analyze` bodies,
 * generated piece by piece: a body of hundreds of megabytes is never held
 * whole. The same case always gives the same bytes, so a first pass can
 * count them for Content-Length before the second sends them.
 *
 * - `manyPods`: PENDING minimal pending pods (one container, 100m / 128Mi)
 *   against NODES nodes in POOLS node groups; each node runs kube-proxy and
 *   an application pod using 90% of its cpu.
 * - `hostPorts`: PENDING pods, each with requests of its own (so each is a
 *   scheduling signature of its own) and hostPort 80, against NODES nodes in
 *   POOLS node groups, each node running an ingress DaemonSet pod that holds
 *   hostPort 80.
 */
import { createMachineCatalog, estimateAllocatable, type PoolSpec } from '@nodepools/plugin-nodepools-common';

export interface LimitCase {
  key: 'manyPods' | 'hostPorts';
  letter: 'a' | 'b';
  title: string;
  pools: number;
  nodes: number;
  pendingPods: number;
}

export function limitCases(scale: number): LimitCase[] {
  const n = (count: number) => Math.max(1, Math.round(count / scale));
  return [
    {
      key: 'manyPods',
      letter: 'a',
      title: '(a) minimal pending pods against few nodes',
      pools: Math.min(5, n(100)),
      nodes: n(100),
      pendingPods: n(1_000_000),
    },
    {
      key: 'hostPorts',
      letter: 'b',
      title: '(b) distinct requests, hostPort 80, on nodes whose port 80 is taken',
      pools: Math.min(20, n(20_000)),
      nodes: n(20_000),
      pendingPods: n(100_000),
    },
  ];
}

const CLUSTER = 'bench-limits';
const MACHINE = 'm5.xlarge';
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
/** Strings handed to the socket at a time: large enough for few writes, small enough to keep the event loop free. */
const CHUNK_CHARS = 64 * 1024;

interface Node {
  name: string;
  pool: string;
}

function poolName(index: number): string {
  return `workers-${index}`;
}

function poolOfNode(c: LimitCase, node: number): number {
  return Math.floor((node * c.pools) / c.nodes);
}

function nodeName(index: number): string {
  return `ip-10-0-${index >> 8}-${index & 255}.ec2.internal`;
}

function machine() {
  const type = createMachineCatalog().get('aws', MACHINE);
  if (!type) throw new Error(`${MACHINE} is not in the machine catalog`);
  return { type, allocatable: estimateAllocatable(type, 'eks').allocatable };
}

function pools(c: LimitCase): PoolSpec[] {
  return Array.from({ length: c.pools }, (_, p) => {
    let nodeCount = 0;
    for (let i = 0; i < c.nodes; i++) if (poolOfNode(c, i) === p) nodeCount++;
    return {
      provider: 'eks',
      account: '123456789012',
      region: 'us-east-1',
      cluster: CLUSTER,
      name: poolName(p),
      mode: 'user',
      os: 'linux',
      arch: 'amd64',
      machineTypes: [MACHINE],
      capacityType: 'on-demand',
      nodeCount,
      autoscaling: { enabled: true, min: 0, max: nodeCount + 10 },
      labels: {},
      taints: [],
      zones: ZONES,
      tags: {},
      raw: {},
    };
  });
}

function nodeJson(node: Node, index: number, status: object): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'eks.amazonaws.com/nodegroup': node.pool,
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': MACHINE,
        'topology.kubernetes.io/region': 'us-east-1',
        'topology.kubernetes.io/zone': ZONES[index % ZONES.length],
      },
    },
    spec: {},
    status,
  });
}

/** What each node runs, as kubectl prints the pods bound to it. */
function runningPods(c: LimitCase, node: Node, index: number, cpuMilli: number): string[] {
  const bound = (name: string, namespace: string, owner: string | undefined, container: object) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: owner, controller: true }] } : {}),
      },
      spec: { nodeName: node.name, containers: [container] },
      status: { phase: 'Running' },
    });
  if (c.key === 'hostPorts') {
    return [
      bound(`ingress-${index}`, 'ingress', 'ingress', {
        name: 'controller',
        ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '90Mi' } },
      }),
    ];
  }
  return [
    bound(`kube-proxy-${index}`, 'kube-system', 'kube-proxy', {
      name: 'kube-proxy',
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    }),
    bound(`app-${index}`, 'apps', undefined, {
      name: 'app',
      resources: { requests: { cpu: `${Math.floor(cpuMilli * 0.97)}m`, memory: '1Gi' } },
    }),
  ];
}

function pendingPod(c: LimitCase, index: number): string {
  if (c.key === 'manyPods') {
    return (
      `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-${index}","namespace":"default"},` +
      `"spec":{"containers":[{"name":"web","image":"nginx:1.27","resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]},` +
      `"status":{"phase":"Pending"}}`
    );
  }
  // 1,000 cpu amounts x as many memory amounts as needed: no two pods ask the same.
  const cpu = 50 + (index % 1000);
  const memory = 64 + Math.floor(index / 1000);
  return (
    `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"edge-${index}","namespace":"edge"},` +
    `"spec":{"containers":[{"name":"edge","image":"envoy:1.31",` +
    `"ports":[{"containerPort":80,"hostPort":80,"protocol":"TCP"}],` +
    `"resources":{"requests":{"cpu":"${cpu}m","memory":"${memory}Mi"}}}]},"status":{"phase":"Pending"}}`
  );
}

/** `items` JSON elements, comma-separated, in pieces of about CHUNK_CHARS. */
function* joined(items: Iterable<string>): Generator<string> {
  let buffer = '';
  let first = true;
  for (const item of items) {
    buffer += first ? item : `,${item}`;
    first = false;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** The body of one case, in pieces; every call yields the same pieces. */
export function* limitBody(c: LimitCase): Generator<string> {
  const { type, allocatable } = machine();
  const cpuMilli = Math.round(allocatable.cpu! * 1000);
  const status = {
    allocatable: {
      cpu: `${cpuMilli}m`,
      memory: `${Math.floor(allocatable.memory! / 1024)}Ki`,
      pods: String(allocatable.pods),
      'ephemeral-storage': '76224326324',
    },
    capacity: { cpu: String(type.vcpu), memory: `${Math.floor(type.memoryMiB * 1024)}Ki`, pods: String(allocatable.pods) },
  };
  const node = (i: number): Node => ({ name: nodeName(i), pool: poolName(poolOfNode(c, i)) });
  yield `{"pools":${JSON.stringify(pools(c))},"nodes":{"apiVersion":"v1","kind":"List","items":[`;
  yield* joined(
    (function* nodes() {
      for (let i = 0; i < c.nodes; i++) yield nodeJson(node(i), i, status);
    })(),
  );
  yield ']},"pods":{"apiVersion":"v1","kind":"List","items":[';
  yield* joined(
    (function* pods() {
      for (let i = 0; i < c.pendingPods; i++) yield pendingPod(c, i);
      for (let i = 0; i < c.nodes; i++) yield* runningPods(c, node(i), i, cpuMilli);
    })(),
  );
  yield ']}}';
}

/** Bytes of a case's body (its pieces are ASCII), from a first pass over them. */
export function limitBodySize(c: LimitCase): number {
  let bytes = 0;
  for (const piece of limitBody(c)) bytes += piece.length;
  return bytes;
}

/** Pods in a case's body, pending and bound: what `maxPods` counts. */
export function limitPodCount(c: LimitCase): number {
  return c.pendingPods + c.nodes * (c.key === 'hostPorts' ? 1 : 2);
}
