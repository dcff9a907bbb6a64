import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { nodepoolsPlugin } from './plugin';
import { startReplayServer, type ReplayServer } from './sources/testing';

jest.setTimeout(60_000);

const TOKEN = 'dop_v1_6f1d2c3b4a5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a';
const auth = mockCredentials.user.header();

/** Keeps every log line and its metadata, from every child logger. */
function capturingLogger(lines: string[]): LoggerService {
  const record =
    (level: string) => (message: string, meta?: Error | Record<string, unknown>) => {
      lines.push(`${level} ${message} ${meta instanceof Error ? `${meta.message} ${meta.stack}` : JSON.stringify(meta ?? {})}`);
    };
  const logger: LoggerService = {
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    child: () => logger,
  };
  return logger;
}

describe('credentials', () => {
  let cloud: ReplayServer;
  beforeEach(async () => {
    cloud = await startReplayServer();
  });
  afterEach(() => cloud.close());

  it('never appear in API answers, history or logs, even when a cloud echoes them', async () => {
    cloud.route('/v2/kubernetes/clusters', {
      json: { kubernetes_clusters: [{ id: 'c1', name: 'web-prod', region: 'nyc1' }], links: {}, meta: { total: 1 } },
    });
    cloud.route(
      '/v2/kubernetes/clusters/c1/node_pools',
      {
        json: {
          node_pools: [
            { id: 'p1', name: 'web', size: 's-2vcpu-4gb', count: 2, tags: [], labels: {}, taints: [], auto_scale: false, nodes: [] },
          ],
          links: {},
          meta: { total: 1 },
        },
      },
      // The next sync: the API rejects the token and quotes it back.
      {
        status: 401,
        json: { id: 'unauthorized', message: `Unable to authenticate you with token ${TOKEN}` },
      },
    );
    const lines: string[] = [];
    const { server } = await startTestBackend({
      features: [
        nodepoolsPlugin,
        mockServices.rootConfig.factory({
          data: {
            nodepools: {
              schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
              sources: {
                doks: [{ id: 'do', token: TOKEN, endpoint: cloud.url, allowInsecureHttp: true, maxAttempts: 1 }],
              },
            },
          },
        }),
        mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => capturingLogger(lines),
        }),
      ],
    });
    expect(cloud.requestsTo('/v2/kubernetes/clusters')[0].headers.authorization).toBe(`Bearer ${TOKEN}`);

    const sync = await request(server).post('/api/nodepools/sources/do/sync').set('Authorization', auth);
    expect(sync.status).toBe(202);
    const deadline = Date.now() + 10_000;
    let sources = await request(server).get('/api/nodepools/sources').set('Authorization', auth);
    while (sources.body.items[0]?.status === 'ok' && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 100));
      sources = await request(server).get('/api/nodepools/sources').set('Authorization', auth);
    }
    expect(sources.body.items[0]).toMatchObject({ id: 'do', status: 'error' });
    expect(sources.body.items[0].error).toMatch(/401|authenticat/i);

    const pools = await request(server).get('/api/nodepools/pools').set('Authorization', auth);
    expect(pools.body.items).toHaveLength(1);
    expect(pools.body.items[0]).toMatchObject({ name: 'web', stale: true });
    const ref = encodeURIComponent(pools.body.items[0].ref);
    const detail = await request(server).get(`/api/nodepools/pools/${ref}`).set('Authorization', auth);
    const history = await request(server).get(`/api/nodepools/pools/${ref}/history`).set('Authorization', auth);

    const everything = [
      JSON.stringify(sources.body),
      JSON.stringify(pools.body),
      JSON.stringify(detail.body),
      JSON.stringify(history.body),
      ...lines,
    ].join('\n');
    expect(lines.some(line => line.includes('authentication failed (HTTP 401)'))).toBe(true);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(TOKEN.slice(8, 30));
  });
});
