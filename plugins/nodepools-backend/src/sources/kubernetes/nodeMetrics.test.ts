import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ClusterTokenResolver } from './auth/clusterToken';
import { ClusterConnector } from './clusterConnector';
import { KubernetesNodesSource } from './KubernetesNodesSource';
import { parseNodeMetrics } from './nodeMetrics';
import {
  kubeStatus,
  pagedList,
  startFakeApiServer,
  type FakeApiServer,
  type FakeResponse,
} from './__testUtils__/fakeApiServer';
import { node, pod } from './__testUtils__/objects';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.metrics-reader-token';
const METRICS_PATH = '/apis/metrics.k8s.io/v1beta1/nodes';

const connector = new ClusterConnector(
  new ClusterTokenResolver({ inClusterTokenPath: '/nonexistent/token' }),
);

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const logger: LoggerService = {
    debug: message => void lines.push(['debug', message]),
    info: message => void lines.push(['info', message]),
    warn: message => void lines.push(['warn', message]),
    error: message => void lines.push(['error', message]),
    child: () => logger,
  };
  return { logger, lines };
}

function nodeMetrics(items: Array<{ name: string; cpu: string; memory: string }>) {
  return {
    kind: 'NodeMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {},
    items: items.map(({ name, cpu, memory }) => ({
      metadata: { name, creationTimestamp: '2026-12-02T10:00:00Z' },
      timestamp: '2026-12-02T09:59:51Z',
      window: '20.05s',
      usage: { cpu, memory },
    })),
  };
}

describe('node usage from metrics.k8s.io', () => {
  let metrics: FakeResponse;
  let server: FakeApiServer;

  beforeAll(async () => {
    server = await startFakeApiServer(request => {
      if (request.path === '/api/v1/nodes') {
        return pagedList(
          request,
          [
            node({ name: 'a', labels: { 'eks.amazonaws.com/nodegroup': 'general' }, allocatable: { cpu: '2' } }),
            node({ name: 'b', labels: { 'eks.amazonaws.com/nodegroup': 'general' }, allocatable: { cpu: '2' } }),
            node({ name: 'g', labels: { 'eks.amazonaws.com/nodegroup': 'gpu' }, allocatable: { cpu: '8' } }),
            node({ name: 'loose', allocatable: { cpu: '1' } }),
          ],
          'NodeList',
        );
      }
      if (request.path === '/api/v1/pods') {
        return pagedList(
          request,
          [pod({ name: 'web', nodeName: 'a', containers: [{ requests: { cpu: '500m', memory: '1Gi' } }] })],
          'PodList',
        );
      }
      if (request.path === '/version') return { json: { major: '1', minor: '31', gitVersion: 'v1.31.4' } };
      if (request.path === METRICS_PATH) return metrics;
      return undefined;
    });
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  afterAll(() => server.close());

  function source(extra: object = {}, logger?: LoggerService) {
    return KubernetesNodesSource.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'prod', url: server.url, authProvider: 'serviceAccount', serviceAccountToken: TOKEN, skipTLSVerify: true },
              ],
            },
          ],
        },
        nodepools: { kubernetes: { pageSize: 2, maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0, ...extra } },
      }),
      { connector, logger },
    );
  }

  it("sums each pool's node usage, by the nodes the roll-up mapped, beside the roll-up", async () => {
    metrics = {
      json: nodeMetrics([
        { name: 'a', cpu: '1500m', memory: '2Gi' },
        { name: 'b', cpu: '250000000n', memory: '1048576Ki' },
        { name: 'loose', cpu: '1', memory: '1Gi' },
        { name: 'gone-since', cpu: '3', memory: '3Gi' },
      ]),
    };

    const [listing] = await source().listObserved({});

    expect(listing.complete).toBe(true);
    expect(listing.issues).toBeUndefined();
    const usage = Object.fromEntries(
      listing.observed.map(pool => [pool.pool, (pool as { usage?: unknown }).usage]),
    );
    expect(usage).toEqual({
      general: { cpu: 1.75, memory: 3 * 2 ** 30 },
      // Its only node has no metrics yet (just started): unknown, not zero.
      gpu: undefined,
    });
    // Usage travels beside the roll-up, never in what the pool rows store.
    expect(listing.observed[0].observed).not.toHaveProperty('usage');
    expect(JSON.stringify(listing.pools)).not.toContain('usage');
    expect(listing.observed[0].observed.requested).toEqual({ cpu: 0.5, memory: 2 ** 30, pods: 1 });
    expect(server.requests.filter(r => r.path === METRICS_PATH)).toHaveLength(1);
  });

  it.each([
    [404, 'NotFound', 'the server could not find the requested resource'],
    [503, 'ServiceUnavailable', 'the server is currently unable to handle the request'],
  ])(
    'takes a %s as a cluster without metrics-server: no usage, no issue, no retry, said once at debug',
    async (status, reason, message) => {
      metrics = { status, json: kubeStatus(status, reason, message) };
      const { logger, lines } = recordingLogger();
      const nodes = source({}, logger);

      const [first] = await nodes.listObserved({});
      const [second] = await nodes.listObserved({});

      for (const listing of [first, second]) {
        expect(listing.complete).toBe(true);
        expect(listing.issues).toBeUndefined();
        expect(listing.observed.map(pool => 'usage' in pool)).toEqual([false, false]);
      }
      expect(server.requests.filter(r => r.path === METRICS_PATH)).toHaveLength(2);
      const said = lines.filter(([, line]) => line.includes('serves no node metrics'));
      expect(said).toEqual([
        ['debug', expect.stringContaining(`Cluster 'prod' serves no node metrics (GET ${METRICS_PATH}: HTTP ${status}`)],
      ]);
    },
  );

  it('keeps the listing complete when the metrics cannot be read, with an issue that says why', async () => {
    metrics = {
      status: 403,
      json: kubeStatus(403, 'Forbidden', 'nodes.metrics.k8s.io is forbidden: cannot list resource "nodes"'),
    };

    const [listing] = await source().listObserved({});

    expect(listing.complete).toBe(true);
    expect(listing.observed.some(pool => 'usage' in pool)).toBe(false);
    expect(listing.issues).toEqual([
      {
        file: 'prod',
        field: 'metrics',
        severity: 'warning',
        message: expect.stringMatching(
          /^node usage could not be read: GET \/apis\/metrics\.k8s\.io\/v1beta1\/nodes: authentication failed \(HTTP 403\)/,
        ),
      },
    ]);
  });

  it('names the bad value of a malformed answer and keeps the listing', async () => {
    metrics = { json: nodeMetrics([{ name: 'a', cpu: 'plenty', memory: '1Gi' }]) };

    const [listing] = await source().listObserved({});

    expect(listing.complete).toBe(true);
    expect(listing.observed.some(pool => 'usage' in pool)).toBe(false);
    expect(listing.issues?.map(issue => issue.message)).toEqual([
      `node usage could not be read: GET ${METRICS_PATH}: invalid response: items[0].usage.cpu: 'plenty' is not a Kubernetes quantity`,
    ]);
  });

  it('reads no metrics when nodepools.kubernetes.nodeMetrics is false', async () => {
    metrics = { json: nodeMetrics([{ name: 'a', cpu: '1', memory: '1Gi' }]) };

    const [listing] = await source({ nodeMetrics: false }).listObserved({});

    expect(listing.complete).toBe(true);
    expect(listing.observed.some(pool => 'usage' in pool)).toBe(false);
    expect(server.requests.filter(r => r.path === METRICS_PATH)).toHaveLength(0);
  });
});

describe('parseNodeMetrics', () => {
  it('reads names and quantities in base units', () => {
    expect(
      parseNodeMetrics(nodeMetrics([{ name: 'a', cpu: '123456789n', memory: '512Mi' }])),
    ).toEqual([{ name: 'a', cpu: 0.123456789, memory: 512 * 2 ** 20 }]);
  });

  it.each([
    [{}, "the answer is not a list (no 'items' array)"],
    [{ items: [{ usage: { cpu: '1', memory: '1' } }] }, 'items[0].metadata.name is missing'],
    [{ items: [{ metadata: { name: 'a' }, usage: { cpu: '1' } }] }, 'items[0].usage.memory is missing'],
  ])('rejects %j: %s', (list, message) => {
    expect(() => parseNodeMetrics(list)).toThrow(message);
  });
});
