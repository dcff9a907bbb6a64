import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  nodepoolsSourcesExtensionPoint,
  type PoolSource,
} from '@nodepools/plugin-nodepools-node';
import request from 'supertest';
import { nodepoolsPlugin } from './plugin';
import { makePoolSpec } from './testing/makePoolSpec';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header();

/** What a module of an adopter would ship: a source of its own CMDB, built on the -node package only. */
const cmdbSource: PoolSource = {
  id: 'cmdb',
  kind: 'cmdb',
  target: 'the platform CMDB',
  async list() {
    return [
      {
        scope: 'cmdb/onprem-1',
        complete: true,
        pools: [
          makePoolSpec({ provider: 'kubernetes', cluster: 'onprem-1', name: 'bare-metal', account: undefined }),
          makePoolSpec({ provider: 'kubernetes', cluster: 'onprem-1', name: 'gpu', account: undefined }),
        ],
      },
    ];
  },
};

const cmdbModule = createBackendModule({
  pluginId: 'nodepools',
  moduleId: 'cmdb-source',
  register(env) {
    env.registerInit({
      deps: { sources: nodepoolsSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSource(cmdbSource, {
          frequency: { minutes: 30 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 1 },
        });
      },
    });
  },
});

describe('nodepoolsSourcesExtensionPoint', () => {
  it('lets a backend module add a source whose pools are synced and listed', async () => {
    const { server } = await startTestBackend({
      features: [
        nodepoolsPlugin,
        cmdbModule,
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      ],
    });

    const pools = await request(server).get('/api/nodepools/pools').set('Authorization', auth);
    expect(pools.status).toBe(200);
    expect(
      pools.body.items.map((p: { cluster: string; name: string; source: string }) => [
        p.cluster,
        p.name,
        p.source,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['onprem-1', 'bare-metal', 'cmdb'],
        ['onprem-1', 'gpu', 'cmdb'],
      ]),
    );
    expect(pools.body.totalCount).toBe(2);

    const sources = await request(server).get('/api/nodepools/sources').set('Authorization', auth);
    const [cmdb] = sources.body.items;
    expect(cmdb).toMatchObject({ id: 'cmdb', kind: 'cmdb', target: 'the platform CMDB', status: 'ok' });
    // The module's own schedule, not `nodepools.schedule`.
    expect(Date.parse(cmdb.nextRunAt) - Date.parse(cmdb.lastRunAt)).toBe(30 * 60_000);
  });
});
