import { collectTriageSnapshot } from './triageSnapshot';
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

function event(name: string, reason: string, podName: string, message: string) {
  return {
    metadata: { name, namespace: 'default', managedFields: [{ manager: 'kube-scheduler' }] },
    involvedObject: { kind: 'Pod', namespace: 'default', name: podName, uid: `uid-${podName}` },
    reason,
    message,
    type: 'Warning',
    count: 3,
    lastTimestamp: '2025-06-01T10:00:00Z',
    source: { component: 'default-scheduler' },
  };
}

const PODS = [
  pod({ name: 'pending', phase: 'Pending', containers: [{ requests: { cpu: '4', memory: '8Gi' } }] }),
  pod({
    name: 'creating',
    phase: 'Pending',
    nodeName: 'n1',
    containers: [{ requests: { cpu: '100m' } }],
  }),
  pod({
    name: 'web',
    nodeName: 'n1',
    labels: { app: 'web' },
    containers: [{ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' }, hostPort: 9100 }],
    initContainers: [{ requests: { cpu: '50m' }, restartPolicy: 'Always' }],
    overhead: { cpu: '10m' },
    requiredAntiAffinity: true,
  }),
  pod({ name: 'agent', nodeName: 'n2', ownerKind: 'DaemonSet', containers: [{ requests: { cpu: '50m' } }] }),
];

const EVENTS: Record<string, unknown[]> = {
  FailedScheduling: [
    event('pending.1', 'FailedScheduling', 'pending', '0/2 nodes are available: 2 Insufficient cpu.'),
  ],
  FailedCreatePodSandBox: [
    event(
      'creating.1',
      'FailedCreatePodSandBox',
      'creating',
      'Failed to create pod sandbox: plugin type="aws-cni" failed (add): add cmd: failed to assign an IP address to container',
    ),
  ],
};

describe('collectTriageSnapshot', () => {
  let server: FakeApiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const healthy: FakeHandler = request => {
    if (request.path === '/api/v1/pods') return pagedList(request, PODS, 'PodList');
    if (request.path === '/api/v1/nodes') {
      return pagedList(
        request,
        [
          node({ name: 'n1', labels: { 'eks.amazonaws.com/nodegroup': 'general' }, allocatable: { cpu: '2' } }),
          node({ name: 'n2', unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }),
        ],
        'NodeList',
      );
    }
    if (request.path === '/api/v1/events') {
      const reason = /reason=(\w+)/.exec(request.query.get('fieldSelector') ?? '')?.[1] ?? '';
      return pagedList(request, EVENTS[reason] ?? [], 'EventList');
    }
    return undefined;
  };

  it('keeps pending pods whole and cuts bound pods and nodes to what triage reads', async () => {
    server = await startFakeApiServer(healthy);
    const snapshot = await collectTriageSnapshot(kubeConfigFor(server.url), {
      pageSize: 3,
      policy: FAST_POLICY,
      now: () => new Date('2025-06-01T10:05:00Z'),
    });

    expect(snapshot.collectedAt).toBe('2025-06-01T10:05:00.000Z');
    expect(snapshot.pods.map(p => p.metadata?.name)).toEqual(['pending', 'creating', 'web', 'agent']);

    const [pending, creating, web, agent] = snapshot.pods;
    expect(pending.spec?.volumes).toEqual([{ name: 'config', configMap: { name: 'app-config' } }]);
    expect(pending.spec?.tolerations).toHaveLength(1);
    expect(pending.spec?.containers[0].env).toEqual([{ name: 'MODE', value: 'production' }]);
    expect(pending.metadata?.managedFields).toBeUndefined();
    expect(pending.metadata?.annotations).toEqual({ team: 'payments' });
    expect(creating.spec?.nodeName).toBe('n1');
    expect(creating.status?.phase).toBe('Pending');

    expect(JSON.parse(JSON.stringify(web))).toEqual({
      metadata: { name: 'web', namespace: 'default', uid: 'uid-web', labels: { app: 'web' } },
      spec: {
        nodeName: 'n1',
        containers: [
          {
            name: 'c0',
            resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
            ports: [{ containerPort: 9100, hostPort: 9100, protocol: 'TCP' }],
          },
        ],
        initContainers: [
          { name: 'init0', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
        ],
        overhead: { cpu: '10m' },
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      },
      status: { phase: 'Running' },
    });
    expect(agent.metadata?.ownerReferences?.[0].kind).toBe('DaemonSet');

    expect(snapshot.nodes.map(n => n.metadata?.name)).toEqual(['n1', 'n2']);
    const [n1, n2] = snapshot.nodes;
    expect(n1.status?.allocatable).toEqual({ cpu: '2' });
    expect(n1.status?.images).toBeUndefined();
    expect(n1.status?.addresses).toBeUndefined();
    expect(n1.status?.nodeInfo?.kubeletVersion).toBe('v1.31.2-eks-7f9249a');
    expect(n1.metadata?.labels).toEqual({ 'eks.amazonaws.com/nodegroup': 'general' });
    expect(n2.spec).toEqual({
      unschedulable: true,
      providerID: 'aws:///us-east-1a/i-n2',
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    });

    expect(snapshot.events.map(e => [e.reason, e.involvedObject.name])).toEqual([
      ['FailedScheduling', 'pending'],
      ['FailedCreatePodSandBox', 'creating'],
    ]);
    expect(snapshot.events[0].metadata.managedFields).toBeUndefined();
    expect(snapshot.events[0].message).toBe('0/2 nodes are available: 2 Insufficient cpu.');

    const eventQueries = server.requestsTo('/api/v1/events').map(r => r.query.get('fieldSelector'));
    expect(eventQueries).toEqual([
      'involvedObject.kind=Pod,reason=FailedScheduling',
      'involvedObject.kind=Pod,reason=FailedCreatePodSandBox',
    ]);
    expect(server.requestsTo('/api/v1/pods')[0].query.get('fieldSelector')).toBe(
      'status.phase!=Succeeded,status.phase!=Failed',
    );
  });

  it('does not keep pods from an expired snapshot twice', async () => {
    let expiredOnce = false;
    server = await startFakeApiServer(request => {
      if (request.path === '/api/v1/pods' && request.query.get('continue') && !expiredOnce) {
        expiredOnce = true;
        return expired();
      }
      return healthy(request);
    });
    const snapshot = await collectTriageSnapshot(kubeConfigFor(server.url), {
      pageSize: 2,
      policy: FAST_POLICY,
    });
    expect(snapshot.pods.map(p => p.metadata?.name)).toEqual(['pending', 'creating', 'web', 'agent']);
  });

  it('fails as a whole, without the token, when a listing fails', async () => {
    server = await startFakeApiServer(request =>
      request.path === '/api/v1/events'
        ? {
            status: 403,
            json: kubeStatus(403, 'Forbidden', `events is forbidden for ${request.authorization}`),
          }
        : healthy(request),
    );
    const token = 'secret-token-abcdefgh';
    await expect(
      collectTriageSnapshot(kubeConfigFor(server.url, token), {
        policy: FAST_POLICY,
        redact: message => message.split(token).join('***'),
      }),
    ).rejects.toThrow(
      'GET /api/v1/events?fieldSelector=reason=FailedScheduling (page 1): authentication failed (HTTP 403): Forbidden: events is forbidden for Bearer [redacted]',
    );
  });
});
