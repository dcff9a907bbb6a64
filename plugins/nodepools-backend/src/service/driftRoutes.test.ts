import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  nodepoolReadPermission,
  type DriftFindingRecord,
  type DriftPage,
} from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { createNodepoolConditionalDecision, nodepoolConditions } from '../permissions/conditions';
import { policyPermissionsFactory, type TestPolicy } from '../permissions/__testUtils__/policyPermissions';
import { nodepoolsPlugin } from '../plugin';

jest.setTimeout(90_000);

const SAMPLES = path.resolve(__dirname, '../../../../sample-inventory');
const auth = mockCredentials.user.header();
const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const API = 'eks/111122223333/us-east-1/payments-prod/api';
const CACHE = 'eks/111122223333/us-east-1/payments-prod/cache';

/** The sample payments-prod export and Terraform state, and the drift they show. */
async function startSample(
  knex: Knex,
  dir: string,
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY | TestPolicy = AuthorizeResult.ALLOW,
  copy = true,
) {
  const state = path.join(dir, 'payments-prod.tfstate');
  if (copy) await fs.copyFile(path.join(SAMPLES, 'desired/payments-prod.tfstate'), state);
  const backend = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.database.factory({ knex }),
      typeof permission === 'function'
        ? policyPermissionsFactory(permission)
        : mockServices.permissions.factory({ result: permission }),
      mockServices.rootConfig.factory({
        data: {
          nodepools: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
            sources: { files: [{ path: path.join(SAMPLES, 'eks-payments-prod.json') }] },
            desired: { files: [{ path: state }] },
            drift: { debounce: { milliseconds: 20 } },
          },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });
  return backend;
}

/** Waits for the comparison that follows the first syncs. */
async function driftOf(server: Parameters<typeof request>[0], wanted: number): Promise<DriftPage> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const page = (await request(server).get('/api/nodepools/drift').set('Authorization', auth)).body as DriftPage;
    if (page.totalCount >= wanted || Date.now() > deadline) return page;
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('drift routes', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([['POSTGRES_17'], ['SQLITE_3']]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let dir: string;
    let knex: Knex;
    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-drift-routes-'));
      knex = await databases.init(databaseId as TestDatabaseId);
    });
    afterEach(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('lists findings with filters and pages, per pool, per pool card and in a summary', async () => {
      const { server } = await startSample(knex, dir);
      const all = await driftOf(server, 5);
      expect(all.items.map(f => [f.cause, f.pool, f.field])).toEqual([
        ['declared-not-found', 'cache', 'pool'],
        ['changed', 'api', 'autoscaling'],
        ['changed', 'ingress', 'labels'],
        ['not-in-iac', 'legacy-al2', 'pool'],
        ['not-in-iac', 'monitoring', 'pool'],
      ]);
      expect(all.items[0]).toMatchObject({
        ref: CACHE,
        severity: 'high',
        state: 'open',
        stale: false,
        clusterRef: 'eks/111122223333/us-east-1/payments-prod',
        origin: { format: 'terraform-state', address: 'module.eks.aws_eks_node_group.this["cache"]' },
      });

      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);
      expect((await get('/drift?cause=not-in-iac')).body.items.map((f: DriftFindingRecord) => f.pool)).toEqual(['legacy-al2', 'monitoring']);
      expect((await get('/drift?severity=high')).body.totalCount).toBe(1);
      expect((await get('/drift?cluster=payments-prod&owner=group:default/team-payments')).body.items.map((f: DriftFindingRecord) => f.pool)).toEqual(['api']);
      expect((await get('/drift?cluster=eks/111122223333/us-east-1/payments-prod&state=resolved')).body.totalCount).toBe(0);

      const first = (await get('/drift?limit=2')).body as DriftPage;
      const second = (await get(`/drift?limit=2&cursor=${first.nextCursor}`)).body as DriftPage;
      const third = (await get(`/drift?limit=2&cursor=${second.nextCursor}`)).body as DriftPage;
      expect([...first.items, ...second.items, ...third.items].map(f => f.id)).toEqual(all.items.map(f => f.id));
      expect(third.nextCursor).toBeUndefined();

      const pool = await get(`/pools/${encodeURIComponent(API)}/drift`);
      expect(pool.status).toBe(200);
      expect(pool.body.items).toEqual([expect.objectContaining({ field: 'autoscaling', desired: { min: 4, max: 16 }, actual: { min: 4, max: 20 } })]);
      expect(pool.body.items[0].revert.commands[0]).toEqual(expect.arrayContaining(['aws', 'eks', 'update-nodegroup-config', '--nodegroup-name', 'api']));
      expect((await get(`/pools/${encodeURIComponent('eks/1/r/c/none')}/drift`)).status).toBe(404);

      const cards = (await get('/drift/pools')).body.items;
      expect(cards).toEqual(expect.arrayContaining([{ ref: CACHE, open: 1, acknowledged: 0, worstSeverity: 'high' }]));
      const summary = (await get('/drift/summary?days=3')).body;
      expect(summary).toMatchObject({ open: 5, acknowledged: 0 });
      expect(summary.byCluster).toEqual([{ key: 'eks/111122223333/us-east-1/payments-prod', open: 5, acknowledged: 0 }]);
      expect(summary.overTime).toHaveLength(3);
      const sources = (await get('/drift/sources')).body.items;
      expect(sources).toEqual([
        expect.objectContaining({ source: 'desired-files', pools: 10, location: path.join(dir, 'payments-prod.tfstate') }),
        // Approved requests are a source of their own; none here.
        expect.objectContaining({ source: 'requests', pools: 0 }),
      ]);
    });

    it('refuses bad queries with the parameter named', async () => {
      const { server } = await startSample(knex, dir);
      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);
      const cases: Array<[string, RegExp]> = [
        ['/drift?severity=urgent', /Invalid query parameter 'severity'/],
        ['/drift?state=closed', /Invalid query parameter 'state'/],
        ['/drift?limit=0', /Invalid query parameter 'limit': expected a whole number from 1 to 500/],
        ['/drift?cursor=bm90LWEtY3Vyc29y', /Invalid query parameter 'cursor'/],
        ['/drift?colour=red', /Unknown query parameter 'colour'/],
        ['/drift/summary?days=400', /Invalid query parameter 'days'/],
      ];
      for (const [url, message] of cases) {
        const response = await get(url);
        expect({ url, status: response.status, name: response.body.error?.name }).toEqual({ url, status: 400, name: 'InputError' });
        expect(response.body.error.message).toMatch(message);
      }
      expect((await request(server).get('/api/nodepools/drift').set('Authorization', mockCredentials.none.header())).status).toBe(401);
    });

    it('acknowledges a finding with who, when and why; it stays visible but quiet', async () => {
      const { server } = await startSample(knex, dir);
      const [cache] = (await driftOf(server, 5)).items;
      const post = (id: string, body: unknown) =>
        request(server).post(`/api/nodepools/drift/${encodeURIComponent(id)}/acknowledge`).set('Authorization', auth).send(body as object);

      const missing = await post(cache.id, { until: '2099-01-01' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toBe("Invalid field 'reason' in the request body: is required: say why this drift is accepted");
      const past = await post(cache.id, { reason: 'later', until: '2020-01-01' });
      expect(past.body.error.message).toBe("Invalid field 'until' in the request body: 2020-01-01 is not in the future");
      const badDate = await post(cache.id, { reason: 'later', until: 'next week' });
      expect(badDate.body.error.message).toMatch(/^Invalid field 'until' in the request body: expected an ISO date/);
      expect((await post('drift-0000000000000000', { reason: 'x' })).status).toBe(404);

      const acknowledged = await post(cache.id, { reason: 'cache group is created next sprint', until: '2099-01-31' });
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body).toMatchObject({
        id: cache.id,
        state: 'acknowledged',
        acknowledgement: {
          by: 'user:default/mock',
          reason: 'cache group is created next sprint',
          until: '2099-01-31T23:59:59.999Z',
          at: expect.any(String),
        },
      });
      const listed = (await request(server).get('/api/nodepools/drift?state=acknowledged').set('Authorization', auth)).body;
      expect(listed.items.map((f: DriftFindingRecord) => f.id)).toEqual([cache.id]);
      const open = (await request(server).get('/api/nodepools/drift?state=open').set('Authorization', auth)).body;
      expect(open.totalCount).toBe(4);
    });

    it("shows a caller only the findings of the pools they may read", async () => {
      const payments: TestPolicy = permission =>
        permission.name === 'nodepool.read'
          ? createNodepoolConditionalDecision(
              permission as typeof nodepoolReadPermission,
              nodepoolConditions.isOwner({ claims: ['group:default/team-payments'] }),
            )
          : { result: AuthorizeResult.ALLOW };
      const { server } = await startSample(knex, dir, payments);
      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);
      const page = await driftOf(server, 1);
      expect(page.items.map(f => f.pool)).toEqual(['api']);
      expect(page.totalCount).toBe(1);
      expect((await get('/drift/pools')).body.items.map((c: { ref: string }) => c.ref)).toEqual([API]);
      expect((await get(`/pools/${encodeURIComponent(API)}/drift`)).body.items).toHaveLength(1);
      // Another team's pool, and a declared pool the inventory lacks.
      const legacy = await get(`/pools/${encodeURIComponent('eks/111122223333/us-east-1/payments-prod/legacy-al2')}/drift`);
      expect(legacy.status).toBe(403);
      expect((await get(`/pools/${encodeURIComponent(CACHE)}/drift`)).status).toBe(404);
    });

    it('refuses an acknowledgement the permission policy denies', async () => {
      const { server } = await startSample(knex, dir, permission => ({
        result: permission.name === 'nodepool.drift.acknowledge' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      }));
      const [cache] = (await driftOf(server, 5)).items;
      const response = await request(server)
        .post(`/api/nodepools/drift/${cache.id}/acknowledge`)
        .set('Authorization', auth)
        .send({ reason: 'fine' });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(`Not allowed to acknowledge drift of pool '${CACHE}'`);
    });

    it('finds the drift a changed state file declares once it is read again, and nothing else moves', async () => {
      const before = await startSample(knex, dir);
      const found = await driftOf(before.server, 5);
      await before.stop();
      const file = path.join(dir, 'payments-prod.tfstate');
      const state = JSON.parse(await fs.readFile(file, 'utf8'));
      const ledger = state.resources[1].instances.find((i: { index_key: string }) => i.index_key === 'ledger');
      ledger.attributes.instance_types = ['r6i.8xlarge'];
      await fs.writeFile(file, JSON.stringify(state));
      // A restart on the same database runs every task once more, the file's read included.
      const after = await startSample(knex, dir, AuthorizeResult.ALLOW, false);
      const now = await driftOf(after.server, 6);
      await after.stop();
      const changed = now.items.find(f => f.pool === 'ledger');
      expect(changed).toMatchObject({ cause: 'changed', field: 'machineTypes', severity: 'high', desired: ['r6i.8xlarge'], actual: ['r6i.4xlarge'] });
      // The other findings are the same rows, first seen when they were first seen.
      const firstSeen = new Map(found.items.map(f => [f.id, f.firstSeenAt]));
      expect(now.items.filter(f => f.pool !== 'ledger').map(f => firstSeen.get(f.id) === f.firstSeenAt)).toEqual([true, true, true, true, true]);
    });
  });
});
