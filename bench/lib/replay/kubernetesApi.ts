import type { Answer } from './answer';
import { POOL_KINDS, clusterIndex, nodeName, zoneOf, type Fleet, type PoolKind } from './world';

/** What a real API server caps `limit` at is its own business; this one serves up to 5,000 per page. */
const MAX_LIMIT = 5000;

const ALLOCATABLE: Record<string, { cpu: string; memory: string; pods: string }> = {
  'm6i.large': { cpu: '1930m', memory: '7220184Ki', pods: '29' },
  'm6i.2xlarge': { cpu: '7910m', memory: '31369848Ki', pods: '58' },
  'm5.xlarge': { cpu: '3920m', memory: '15136768Ki', pods: '58' },
  'g5.xlarge': { cpu: '3920m', memory: '15136768Ki', pods: '58' },
  'm7g.xlarge': { cpu: '3920m', memory: '15136768Ki', pods: '58' },
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function status(code: number, reason: string, message: string): Answer {
  return {
    status: code,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
  };
}

function node(cluster: number, pool: PoolKind, n: number) {
  const poolIndex = POOL_KINDS.indexOf(pool);
  const name = nodeName(poolIndex, n);
  const zone = zoneOf(n);
  const allocatable = ALLOCATABLE[pool.instanceType];
  return {
    metadata: {
      name,
      uid: `${pad(cluster, 8)}-${pad(poolIndex, 4)}-4000-8000-${pad(n, 12)}`,
      resourceVersion: String(1000 + n),
      creationTimestamp: '2025-01-02T03:04:05Z',
      labels: {
        'eks.amazonaws.com/nodegroup': pool.name,
        'eks.amazonaws.com/capacityType': pool.capacity,
        'eks.amazonaws.com/nodegroup-image': 'ami-0f8d6052f6e3a19d2',
        'kubernetes.io/arch': pool.arch,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': name,
        'node.kubernetes.io/instance-type': pool.instanceType,
        'topology.kubernetes.io/region': 'us-east-1',
        'topology.kubernetes.io/zone': zone,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: {
      providerID: `aws:///${zone}/i-0${hex(cluster, 8)}${poolIndex}${hex(n, 7)}`,
      ...(pool.taint ? { taints: [{ ...pool.taint, effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: { ...allocatable, 'ephemeral-storage': '52416492Ki' },
      allocatable: { ...allocatable, 'ephemeral-storage': '47233297124' },
      conditions: [
        ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
        ['Ready', 'True', 'KubeletReady'],
      ].map(([type, conditionStatus, reason]) => ({
        type,
        status: conditionStatus,
        reason,
        lastHeartbeatTime: '2025-01-02T03:05:00Z',
        lastTransitionTime: '2025-01-02T03:05:00Z',
      })),
      addresses: [
        { type: 'InternalIP', address: `10.${poolIndex}.${Math.floor(n / 250)}.${n % 250}` },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        architecture: pool.arch,
        operatingSystem: 'linux',
        osImage: 'Amazon Linux 2023.6.20241121',
        kernelVersion: '6.1.115-126.197.amzn2023',
        containerRuntimeVersion: 'containerd://1.7.23',
        kubeletVersion: 'v1.31.2-eks-7f9249a',
        kubeProxyVersion: 'v1.31.2-eks-7f9249a',
        machineID: 'ec2b7c5f2d0a4c3e9f1a',
        systemUUID: 'ec2b7c5f-2d0a-4c3e-9f1a-000000000000',
        bootID: '6707bff0-c846-4ae5-971f-6213a09cbb8d',
      },
    },
  };
}

function pod(pool: PoolKind, n: number, k: number) {
  const nodeOf = nodeName(POOL_KINDS.indexOf(pool), n);
  const name = `${pool.name}-app-${n}-${k}`;
  return {
    metadata: {
      name,
      namespace: `team-${pool.name}`,
      uid: `${pool.name}-${n}-${k}`,
      labels: { app: `${pool.name}-app` },
      creationTimestamp: '2025-01-02T04:00:00Z',
    },
    spec: {
      nodeName: nodeOf,
      containers: [
        {
          name: 'app',
          image: 'registry.example/app:1.4.2',
          resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
        },
      ],
      ...(pool.taint
        ? { tolerations: [{ key: pool.taint.key, operator: 'Exists', effect: 'NoSchedule' }] }
        : {}),
    },
    status: { phase: 'Running', hostIP: '10.0.0.1', podIP: '10.1.0.1' },
  };
}

function pageBounds(query: URLSearchParams): { offset: number; limit: number } | undefined {
  const token = query.get('continue');
  const offset = token ? Number(token) : 0;
  const limit = query.has('limit') ? Number(query.get('limit')) : MAX_LIMIT;
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) return undefined;
  return { offset, limit: limit === 0 ? MAX_LIMIT : Math.min(limit, MAX_LIMIT) };
}

function list(kind: string, items: unknown[], next: number | undefined): Answer {
  return {
    status: 200,
    body: {
      kind,
      apiVersion: 'v1',
      metadata: { resourceVersion: '4242', ...(next !== undefined ? { continue: String(next) } : {}) },
      items,
    },
  };
}

/**
 * One Kubernetes API server per cluster under `/kubernetes/<cluster>`:
 * `GET .../api/v1/nodes` and `GET .../api/v1/pods`, paged by
 * `limit`/`continue`, each page built when it is asked for.
 */
export function answerKubernetes(
  fleet: Fleet,
  segments: string[],
  query: URLSearchParams,
): Answer | undefined {
  if (segments[0] !== 'kubernetes' || segments.length !== 5) return undefined;
  if (segments[2] !== 'api' || segments[3] !== 'v1') return undefined;
  const cluster = clusterIndex(decodeURIComponent(segments[1]), fleet.shape);
  if (cluster === undefined) return status(404, 'NotFound', 'the server could not find the requested resource');
  const page = pageBounds(query);
  if (!page) return status(400, 'BadRequest', 'invalid limit or continue');
  const nodes = fleet.nodesInCluster(cluster);

  if (segments[4] === 'nodes') {
    const items = [];
    for (const [pool, n] of fleet.nodeSlots(cluster, page.offset, page.limit)) {
      items.push(node(cluster, pool, n));
    }
    const end = page.offset + items.length;
    return list('NodeList', items, end < nodes ? end : undefined);
  }
  if (segments[4] === 'pods') {
    const perNode = fleet.shape.podsPerNode;
    const total = nodes * perNode;
    const items = [];
    const firstNode = Math.floor(page.offset / perNode);
    let position = firstNode * perNode;
    for (const [pool, n] of fleet.nodeSlots(cluster, firstNode, Math.ceil(page.limit / perNode) + 1)) {
      for (let k = 0; k < perNode; k++, position++) {
        if (position < page.offset || items.length === page.limit) continue;
        items.push(pod(pool, n, k));
      }
    }
    const end = page.offset + items.length;
    return list('PodList', items, end < total ? end : undefined);
  }
  return status(404, 'NotFound', 'the server could not find the requested resource');
}
