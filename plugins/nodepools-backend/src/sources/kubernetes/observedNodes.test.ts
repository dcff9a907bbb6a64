import { collectObservedPools } from './observedNodes';
import {
  FAST_POLICY,
  expired,
  kubeConfigFor,
  kubeStatus,
  pagedList,
  startFakeApiServer,
  type FakeApiServer,
  type FakeHandler,
} from './__testUtils__/fakeApiServer';
import { node, pod } from './__testUtils__/objects';

const MI = 2 ** 20;
const GI = 2 ** 30;

const NODES = [
  node({
    name: 'n1',
    labels: {
      'eks.amazonaws.com/nodegroup': 'general',
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
      'node.kubernetes.io/instance-type': 'm5.large',
      'topology.kubernetes.io/zone': 'us-east-1a',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
    },
    allocatable: { cpu: '1930m', memory: '7534Mi', pods: '29', 'ephemeral-storage': '18242267924' },
  }),
  node({
    name: 'n2',
    ready: false,
    kubeletVersion: 'v1.30.4-eks-a737599',
    labels: {
      'eks.amazonaws.com/nodegroup': 'general',
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
      'node.kubernetes.io/instance-type': 'm5.large',
      'topology.kubernetes.io/zone': 'us-east-1b',
    },
    allocatable: { cpu: '1930m', memory: '7534Mi', pods: '29', 'ephemeral-storage': '18242267924' },
    taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
  }),
  node({
    name: 'n3',
    labels: {
      'karpenter.sh/nodepool': 'batch',
      'karpenter.sh/capacity-type': 'spot',
      'topology.kubernetes.io/zone': 'us-east-1c',
    },
    allocatable: { cpu: '3920m', memory: '15Gi', pods: '58' },
    taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
  }),
  node({ name: 'n4', allocatable: { cpu: '2', memory: '4Gi', pods: '110' } }),
  node({
    name: 'n5',
    labels: { 'kops.k8s.io/instancegroup': 'nodes-a', 'kubernetes.io/arch': 'arm64' },
    allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
  }),
];

const PODS = [
  pod({
    name: 'p1',
    nodeName: 'n1',
    containers: [
      { requests: { cpu: '250m', memory: '256Mi' } },
      { requests: { cpu: '100m', memory: '128Mi' } },
    ],
  }),
  pod({
    name: 'p2',
    nodeName: 'n2',
    initContainers: [{ requests: { cpu: '1', memory: '1Gi' } }],
    containers: [{ requests: { cpu: '200m', memory: '512Mi' } }],
  }),
  pod({
    name: 'p3',
    nodeName: 'n3',
    initContainers: [{ requests: { cpu: '100m', memory: '64Mi' }, restartPolicy: 'Always' }],
    containers: [{ requests: { cpu: '500m', memory: '1Gi' } }],
    overhead: { cpu: '50m', memory: '32Mi' },
  }),
  pod({ name: 'p4', nodeName: 'n4', containers: [{ requests: { cpu: '1' } }] }),
  pod({ name: 'p5', phase: 'Pending', containers: [{ requests: { cpu: '8' } }] }),
  pod({
    name: 'p6',
    nodeName: 'n1',
    containers: [{ requests: { cpu: '0.5', 'nvidia.com/gpu': '1' } }],
  }),
];

describe('collectObservedPools', () => {
  let server: FakeApiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const serve = async (handler: FakeHandler) => {
    server = await startFakeApiServer(handler);
    return server;
  };

  const healthy: FakeHandler = request => {
    if (request.path === '/api/v1/nodes') return pagedList(request, NODES, 'NodeList');
    if (request.path === '/api/v1/pods') return pagedList(request, PODS, 'PodList');
    if (request.path === '/version') return { json: { major: '1', minor: '31', gitVersion: 'v1.31.4-eks-1' } };
    return undefined;
  };

  it('rolls up nodes and pod requests per pool across pages', async () => {
    const api = await serve(healthy);
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      pageSize: 2,
      policy: FAST_POLICY,
      now: () => new Date('2025-06-01T00:00:00Z'),
    });

    expect(result.complete).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.unpooledNodes).toBe(1);
    expect(result.issues).toEqual([]);
    expect(api.requestsTo('/api/v1/nodes').map(r => r.query.get('continue'))).toEqual([
      null,
      'page-2',
      'page-4',
    ]);
    const podRequests = api.requestsTo('/api/v1/pods');
    expect(podRequests).toHaveLength(3);
    expect(podRequests[0].query.get('fieldSelector')).toBe(
      'status.phase!=Succeeded,status.phase!=Failed',
    );
    expect(podRequests[0].query.get('limit')).toBe('2');
    expect(api.requests.every(r => r.authorization === 'Bearer test-token-0123456789')).toBe(true);

    const byName = Object.fromEntries(result.pools.map(p => [p.pool, p]));
    expect(Object.keys(byName).sort()).toEqual(['batch', 'general', 'nodes-a']);

    expect(byName.general).toEqual({
      cluster: 'prod',
      pool: 'general',
      poolLabel: 'eks.amazonaws.com/nodegroup',
      observed: {
        nodeCount: 2,
        readyCount: 1,
        kubeletVersions: ['v1.30.4-eks-a737599', 'v1.31.2-eks-7f9249a'],
        osImages: ['Amazon Linux 2023.6.20241121'],
        zones: ['us-east-1a', 'us-east-1b'],
        allocatable: {
          cpu: 3.86,
          memory: 2 * 7534 * MI,
          pods: 58,
          'ephemeral-storage': 2 * 18242267924,
        },
        // p1 (350m, 384Mi) + p2 (init container 1 cpu / 1Gi wins) + p6 (500m, one GPU).
        requested: {
          cpu: 1.85,
          memory: 384 * MI + GI,
          pods: 3,
          'nvidia.com/gpu': 1,
        },
        observedAt: '2025-06-01T00:00:00.000Z',
        controlPlaneVersion: 'v1.31.4-eks-1',
        // Only labels Kubernetes and EKS set, and a node-lifecycle taint: nothing counted.
        labels: [],
        taints: [],
      },
      facts: {
        operatingSystems: ['linux'],
        architectures: ['amd64'],
        instanceTypes: ['m5.large'],
        capacityTypes: ['on-demand'],
        systemModeNodes: 0,
        commonTaints: [],
      },
      // Its running pods by workload label (the pods' `app` label).
      workloads: {
        otherPods: 0,
        workloads: [
          { namespace: 'default', labels: { app: 'p1' }, pods: 1 },
          { namespace: 'default', labels: { app: 'p2' }, pods: 1 },
          { namespace: 'default', labels: { app: 'p6' }, pods: 1 },
        ],
      },
    });

    // Sidecar (100m, 64Mi) adds to the container (500m, 1Gi); overhead (50m, 32Mi) on top.
    expect(byName.batch.observed.requested).toEqual({ cpu: 0.65, memory: GI + 96 * MI, pods: 1 });
    expect(byName.batch.observed.allocatable).toEqual({ cpu: 3.92, memory: 15 * GI, pods: 58 });
    expect(byName.batch.facts.commonTaints).toEqual([
      { key: 'dedicated', value: 'batch', effect: 'NoSchedule' },
    ]);
    expect(byName.batch.facts.capacityTypes).toEqual(['spot']);
    expect(byName['nodes-a'].poolLabel).toBe('kops.k8s.io/instancegroup');
    expect(byName['nodes-a'].observed.requested).toEqual({});
  });

  it('counts the labels and taints of each pool\'s nodes, naming nodes that carry and lack each', async () => {
    const gpuNode = (name: string, labels: Record<string, string>, taints: Array<{ key: string; value?: string; effect: string }>) =>
      node({ name, labels: { 'cloud.google.com/gke-nodepool': 'gpu', 'kubernetes.io/hostname': name, ...labels }, taints });
    const nodes = [
      gpuNode('g1', { workload: 'ml' }, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]),
      gpuNode('g2', { workload: 'ml', debug: 'true' }, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]),
      gpuNode('g3', {}, []),
      gpuNode('g4', { workload: 'ml' }, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]),
    ];
    const api = await serve(request => {
      if (request.path === '/api/v1/nodes') return pagedList(request, nodes, 'NodeList');
      if (request.path === '/api/v1/pods') return pagedList(request, [], 'PodList');
      return undefined;
    });
    const result = await collectObservedPools(kubeConfigFor(api.url), 'ml', { pageSize: 3, policy: FAST_POLICY });
    const [gpu] = result.pools;
    expect(gpu.observed.labels).toEqual([
      { key: 'debug', value: 'true', nodes: 1, carriedBy: ['g2'], missingFrom: ['g1', 'g3', 'g4'] },
      { key: 'workload', value: 'ml', nodes: 3, carriedBy: ['g1', 'g2', 'g4'], missingFrom: ['g3'] },
    ]);
    expect(gpu.observed.taints).toEqual([
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', nodes: 3, carriedBy: ['g1', 'g2', 'g4'], missingFrom: ['g3'] },
    ]);
    // A cluster that does not answer /version: the roll-up goes without it, and says so.
    expect(gpu.observed.controlPlaneVersion).toBeUndefined();
    expect(result.complete).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({ field: 'version', severity: 'warning', message: expect.stringContaining('GET /version: HTTP 404') }),
    ]);
  });

  it('starts the node listing over once when its continue token expires', async () => {
    let expiredOnce = false;
    const api = await serve(request => {
      if (request.path === '/api/v1/nodes' && request.query.get('continue') === 'page-4' && !expiredOnce) {
        expiredOnce = true;
        return expired();
      }
      return healthy(request);
    });
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      pageSize: 2,
      policy: FAST_POLICY,
    });

    expect(result.complete).toBe(true);
    expect(api.requestsTo('/api/v1/nodes').map(r => r.query.get('continue'))).toEqual([
      null,
      'page-2',
      'page-4',
      null,
      'page-2',
      'page-4',
    ]);
    const general = result.pools.find(p => p.pool === 'general')!;
    expect(general.observed.nodeCount).toBe(2);
    expect(general.observed.allocatable.cpu).toBe(3.86);
    expect(result.unpooledNodes).toBe(1);
  });

  it('drops pod requests folded before the pod listing restarted', async () => {
    let expiredOnce = false;
    const api = await serve(request => {
      if (request.path === '/api/v1/pods' && request.query.get('continue') === 'page-4' && !expiredOnce) {
        expiredOnce = true;
        return expired();
      }
      return healthy(request);
    });
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      pageSize: 2,
      policy: FAST_POLICY,
    });

    expect(result.complete).toBe(true);
    const general = result.pools.find(p => p.pool === 'general')!;
    expect(general.observed.requested).toEqual({
      cpu: 1.85,
      memory: 384 * MI + GI,
      pods: 3,
      'nvidia.com/gpu': 1,
    });
  });

  it('is incomplete when the continue token expires a second time', async () => {
    const api = await serve(request => {
      if (request.path === '/api/v1/nodes' && request.query.get('continue')) return expired();
      return healthy(request);
    });
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      pageSize: 2,
      policy: FAST_POLICY,
    });

    expect(result).toMatchObject({ complete: false, pools: [] });
    expect(result.error).toMatch(/GET \/api\/v1\/nodes \(page \d\): HTTP 410 Expired: .*expired twice/);
  });

  it('is incomplete, with no partial roll-up, when a page keeps failing with 500', async () => {
    const api = await serve(request => {
      if (request.path === '/api/v1/pods' && request.query.get('continue') === 'page-2') {
        return { status: 500, json: kubeStatus(500, 'InternalError', 'etcdserver: request timed out') };
      }
      return healthy(request);
    });
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      pageSize: 2,
      policy: FAST_POLICY,
    });

    expect(result.complete).toBe(false);
    expect(result.pools).toEqual([]);
    expect(result.error).toBe(
      "GET /api/v1/pods (page 2): HTTP 500 InternalError: etcdserver: request timed out",
    );
    // Tried, retried once (maxAttempts: 2), then gave up.
    expect(
      api.requestsTo('/api/v1/pods').filter(r => r.query.get('continue') === 'page-2'),
    ).toHaveLength(2);
  });

  it('retries a 429 that says when to come back, and completes', async () => {
    let throttled = 0;
    const api = await serve(request => {
      if (request.path === '/api/v1/nodes' && throttled < 1) {
        throttled += 1;
        return {
          status: 429,
          headers: { 'retry-after': '0' },
          json: kubeStatus(429, 'TooManyRequests', 'too many requests, please try again later'),
        };
      }
      return healthy(request);
    });
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      policy: FAST_POLICY,
    });
    expect(result.complete).toBe(true);
    expect(result.pools).toHaveLength(3);
    expect(api.requestsTo('/api/v1/nodes')).toHaveLength(2);
  });

  it('gives up on a response that never comes', async () => {
    const api = await serve(request =>
      request.path === '/api/v1/nodes' ? { hang: true } : healthy(request),
    );
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      policy: { ...FAST_POLICY, maxAttempts: 1 },
    });
    expect(result.complete).toBe(false);
    expect(result.error).toBe(
      "GET /api/v1/nodes (page 1): no answer within 300 ms",
    );
  });

  it('treats a truncated body as a failed page', async () => {
    const api = await serve(request =>
      request.path === '/api/v1/nodes'
        ? { truncate: { kind: 'NodeList', items: NODES } }
        : healthy(request),
    );
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      policy: FAST_POLICY,
    });
    expect(result.complete).toBe(false);
    expect(result.error).toMatch(
      /^GET \/api\/v1\/nodes \(page 1\): invalid response: the body is truncated or not JSON/,
    );
    // A body that arrived whole but does not parse is not retried, as with the clouds.
    expect(api.requestsTo('/api/v1/nodes')).toHaveLength(1);
  });

  it('treats a connection closed mid-answer as a failed page', async () => {
    const api = await serve(request =>
      request.path === '/api/v1/pods' ? { cut: true } : healthy(request),
    );
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      policy: FAST_POLICY,
    });
    expect(result.complete).toBe(false);
    expect(result.pools).toEqual([]);
    expect(result.error).toMatch(/^GET \/api\/v1\/pods \(page 1\): network error: .+/);
    expect(api.requestsTo('/api/v1/pods')).toHaveLength(2);
  });

  it('does not retry an authentication failure', async () => {
    const api = await serve(() => ({
      status: 401,
      json: kubeStatus(401, 'Unauthorized', 'Unauthorized'),
    }));
    const result = await collectObservedPools(kubeConfigFor(api.url), 'prod', {
      policy: FAST_POLICY,
    });
    expect(result.complete).toBe(false);
    expect(result.error).toBe("GET /api/v1/nodes (page 1): authentication failed (HTTP 401): Unauthorized");
    expect(api.requests).toHaveLength(1);
  });

  it('reports an unparsable quantity with the node and field, and skips only that value', async () => {
    const api = await serve(request => {
      if (request.path === '/api/v1/nodes') {
        return pagedList(
          request,
          [node({ name: 'odd', labels: { agentpool: 'np1' }, allocatable: { cpu: '2 cores', memory: '1Gi' } })],
          'NodeList',
        );
      }
      return pagedList(request, [], 'PodList');
    });
    const result = await collectObservedPools(kubeConfigFor(api.url), 'aks-1', {
      policy: FAST_POLICY,
    });
    expect(result.complete).toBe(true);
    expect(result.pools[0].observed.allocatable).toEqual({ memory: GI });
    expect(result.issues).toEqual([
      {
        file: 'aks-1',
        index: 0,
        field: 'status.allocatable.cpu',
        message: "node 'odd': '2 cores' is not a Kubernetes quantity",
      },
    ]);
  });
});
