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
  nodepoolReviewConfirmPermission,
  type CostsResponse,
  type FindingsPage,
  type FindingsSummary,
  type GovernanceFindingRecord,
  type GovernancePoolsResponse,
  type OwnerReview,
  type UpgradePlan,
} from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { createNodepoolConditionalDecision, nodepoolConditions } from '../permissions/conditions';
import { policyPermissionsFactory, type TestPolicy } from '../permissions/__testUtils__/policyPermissions';
import { nodepoolsPlugin } from '../plugin';

jest.setTimeout(90_000);

const auth = mockCredentials.user.header();
const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const CLUSTER = 'eks/111122223333/us-east-1/payments-prod';
const API = `${CLUSTER}/api`;
const BATCH = `${CLUSTER}/batch`;
const SPOT = `${CLUSTER}/spot`;
const PAYMENTS = 'group:default/team-payments';
const DATA = 'group:default/team-data';
/** A pool name a spreadsheet would run as a formula. */
const FORMULA = '=HYPERLINK("http://x.test","y")';

function nodegroup(name: string, tags: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    nodegroup: {
      nodegroupName: name,
      clusterName: 'payments-prod',
      nodegroupArn: `arn:aws:eks:us-east-1:111122223333:nodegroup/payments-prod/${name}/1`,
      version: '1.31',
      releaseVersion: '1.31.4-20250123',
      status: 'ACTIVE',
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 },
      instanceTypes: ['m6i.xlarge'],
      labels: {},
      tags,
      ...extra,
    },
  };
}

async function writePools(dir: string): Promise<string> {
  const file = path.join(dir, 'pools.json');
  await fs.writeFile(
    file,
    JSON.stringify([
      nodegroup('api', { owner: 'team-payments' }),
      nodegroup('batch', { owner: 'team-payments' }, { scalingConfig: { minSize: 3, maxSize: 3, desiredSize: 3 } }),
      nodegroup('spot', { owner: 'team-data' }, { capacityType: 'SPOT' }),
      nodegroup(FORMULA, {}),
    ]),
  );
  return file;
}

async function start(knex: Knex, dir: string, permission: AuthorizeResult.ALLOW | TestPolicy = AuthorizeResult.ALLOW) {
  const file = await writePools(dir);
  return startTestBackend({
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
            sources: { files: [{ path: file, region: 'us-east-1', account: '111122223333' }] },
            governance: { debounce: { milliseconds: 20 }, schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } } },
          },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });
}

type Server = Parameters<typeof request>[0];

/** Waits for the evaluation that follows the first sync. */
async function evaluated(server: Server): Promise<FindingsSummary> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const summary = (await request(server).get('/api/nodepools/findings/summary').set('Authorization', auth)).body as FindingsSummary;
    if (summary.evaluatedAt || Date.now() > deadline) return summary;
    await new Promise(r => setTimeout(r, 50));
  }
}

const ownerPath = (owner: string) => `/owners/${encodeURIComponent(owner)}/review`;

describe('governance routes', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([['POSTGRES_17'], ['SQLITE_3']]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let dir: string;
    let knex: Knex;
    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-governance-routes-'));
      knex = await databases.init(databaseId as TestDatabaseId);
    });
    afterEach(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('lists findings, their summary, costs, pools and the upgrade plan', async () => {
      const { server } = await start(knex, dir);
      const summary = await evaluated(server);
      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);

      const all = (await get('/findings?limit=500')).body as FindingsPage;
      expect(all.totalCount).toBe(summary.open);
      expect(all.items.map(f => f.rule)).toEqual(expect.arrayContaining(['no-owner', 'fixed-size', 'unconfirmed-ownership']));
      expect(Object.values(summary.bySeverity).reduce((a, b) => a + b, 0)).toBe(summary.open);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (await get(`/findings?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body as FindingsPage;
        seen.push(...page.items.map(f => f.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.items.map(f => f.id));

      const fixed = (await get('/findings?rule=fixed-size')).body as FindingsPage;
      expect(fixed.items.map(f => f.subject.ref)).toEqual([BATCH]);
      expect((await get(`/findings?owner=${DATA}&severity=low,medium,high`)).body.items.every((f: GovernanceFindingRecord) => f.owner === DATA)).toBe(true);
      expect((await get(`/findings?pool=${encodeURIComponent(API)}&state=resolved`)).body.totalCount).toBe(0);

      const costs = (await get('/costs')).body as CostsResponse;
      expect(costs.groupBy).toBe('owner');
      expect(costs.total.pools).toBe(4);
      expect(costs.items.map(c => [c.key, c.pools])).toEqual(expect.arrayContaining([[PAYMENTS, 2], [DATA, 1]]));
      expect(costs.evaluatedAt).toBe(summary.evaluatedAt);
      expect(((await get('/costs?groupBy=cluster')).body as CostsResponse).items.map(c => c.pools)).toEqual([4]);
      expect(((await get(`/costs?owner=${DATA}`)).body as CostsResponse).total.pools).toBe(1);

      const pools = (await get('/governance/pools?provider=eks')).body as GovernancePoolsResponse;
      expect(pools.items.map(p => p.ref)).toHaveLength(4);
      expect(pools.items.find(p => p.ref === BATCH)?.findings).toBeGreaterThan(0);
      // No control plane was read, so no pool is known to be behind it: nothing to upgrade.
      const plan = (await get(`/upgrades?cluster=payments-prod`)).body as UpgradePlan;
      expect(plan).toEqual({ steps: [], evaluatedAt: summary.evaluatedAt });
    });

    it('answers 400 naming the parameter or field', async () => {
      const { server } = await start(knex, dir);
      await evaluated(server);
      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);
      const message = async (response: request.Test) => {
        const r = await response;
        expect(r.status).toBe(400);
        return r.body.error.message as string;
      };
      expect(await message(get('/findings?severity=urgent'))).toMatch(/^Invalid query parameter 'severity'/);
      expect(await message(get('/findings?rule=no-such-rule'))).toMatch(/^Invalid query parameter 'rule'/);
      expect(await message(get('/findings?state=closed'))).toMatch(/^Invalid query parameter 'state'/);
      expect(await message(get('/findings?limit=0'))).toMatch(/^Invalid query parameter 'limit'/);
      expect(await message(get('/findings?cursor=nonsense'))).toMatch(/cursor/);
      expect(await message(get('/findings?colour=red'))).toBe("Unknown query parameter 'colour'");
      expect(await message(get('/costs?groupBy=team'))).toMatch(/^Invalid query parameter 'groupBy'/);
      expect(await message(get('/governance/pools?provider=ibm'))).toMatch(/^Invalid query parameter 'provider'/);
      expect(await message(get('/upgrades?provider=eks'))).toBe("Unknown query parameter 'provider'");
      expect(await message(get('/export/pools.xlsx'))).toMatch(/^Invalid export format/);
      expect(await message(get('/export/nodes.csv'))).toMatch(/^Invalid export kind/);
      expect(await message(get(`/owners/${encodeURIComponent('group:')}/review`))).toMatch(/^Invalid owner/);

      const [finding] = ((await get('/findings')).body as FindingsPage).items;
      const post = (url: string, body: unknown) => request(server).post(`/api/nodepools${url}`).set('Authorization', auth).send(body as object);
      expect(await message(post(`/findings/${finding.id}/acknowledge`, {}))).toMatch(/^Invalid field 'reason'/);
      expect(await message(post(`/findings/${finding.id}/acknowledge`, { reason: 'ok', expiresAt: '2001-01-01' }))).toMatch(
        /^Invalid field 'expiresAt'.*not in the future/,
      );
      expect(await message(post(`/findings/${finding.id}/acknowledge`, { reason: 'ok', until: 'x' }))).toMatch(/^Unknown field 'until'/);
      const confirm = (body: unknown) => post(`${ownerPath(PAYMENTS)}/confirm`, body);
      expect(await message(confirm({}))).toMatch(/^Invalid field 'pools'/);
      expect(await message(confirm({ pools: [] }))).toMatch(/^Invalid field 'pools'.*at least one/);
      expect(await message(confirm({ pools: [{ ref: API, action: 'keep' }] }))).toMatch(/^Invalid field 'pools.0.action'/);
      expect(await message(confirm({ pools: [{ ref: API, action: 'hand-over' }] }))).toMatch(/^Invalid field 'pools.0.handTo'/);
      expect(await message(confirm({ pools: [{ ref: API, action: 'hand-over', handTo: 'group:' }] }))).toMatch(/^Invalid field 'pools.0.handTo'/);
      expect(await message(confirm({ pools: [{ ref: API, action: 'confirm' }, { ref: SPOT, action: 'confirm' }] }))).toMatch(
        /^Invalid field 'pools.1.ref'.*owned by group:default\/team-data/,
      );
      expect(await message(confirm({ pools: [{ ref: `${CLUSTER}/nope`, action: 'confirm' }] }))).toMatch(/^Invalid field 'pools.0.ref'.*no pool/);
      expect(await message(confirm({ pools: [{ ref: API, action: 'hand-over', handTo: 'team-payments' }] }))).toMatch(
        /^Invalid field 'pools.0.handTo'/,
      );
    });

    it('acknowledges a finding, unless the policy denies it', async () => {
      const { server } = await start(knex, dir, permission => ({
        result: permission.name === 'nodepool.drift.acknowledge' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      }));
      await evaluated(server);
      const [finding] = ((await request(server).get('/api/nodepools/findings?rule=fixed-size').set('Authorization', auth)).body as FindingsPage).items;
      const denied = await request(server)
        .post(`/api/nodepools/findings/${finding.id}/acknowledge`)
        .set('Authorization', auth)
        .send({ reason: 'fine' });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        `You are not allowed to acknowledge findings of the node pool '${BATCH}' (permission nodepool.drift.acknowledge)`,
      );
      const unknown = await request(server).post('/api/nodepools/findings/gov-nope/acknowledge').set('Authorization', auth).send({ reason: 'x' });
      expect(unknown.status).toBe(404);
    });

    it('keeps an acknowledged finding out of the open ones', async () => {
      const { server } = await start(knex, dir);
      await evaluated(server);
      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);
      const [finding] = ((await get('/findings?rule=fixed-size')).body as FindingsPage).items;
      const acknowledged = await request(server)
        .post(`/api/nodepools/findings/${finding.id}/acknowledge`)
        .set('Authorization', auth)
        .send({ reason: 'A fixed batch window', expiresAt: '2099-01-31' });
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.acknowledgement).toEqual({
        by: 'user:default/mock',
        at: expect.any(String),
        reason: 'A fixed batch window',
        expiresAt: '2099-01-31T23:59:59.999Z',
      });
      expect((await get('/findings?rule=fixed-size')).body.totalCount).toBe(0);
      expect((await get('/findings?rule=fixed-size&state=acknowledged')).body.totalCount).toBe(1);
      expect(((await get('/findings/summary')).body as FindingsSummary).acknowledged).toBe(1);
    });

    it('shows a restricted caller only the findings, costs and pools they may read', async () => {
      const payments: TestPolicy = permission =>
        permission.name === 'nodepool.read'
          ? createNodepoolConditionalDecision(
              permission as typeof nodepoolReadPermission,
              nodepoolConditions.isOwner({ claims: [PAYMENTS] }),
            )
          : { result: AuthorizeResult.ALLOW };
      const { server } = await start(knex, dir, payments);
      await evaluated(server);
      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);
      const findings = (await get('/findings?limit=500')).body as FindingsPage;
      const subjects = new Set(findings.items.map(f => f.subject.ref));
      expect([...subjects].every(ref => ref === API || ref === BATCH || ref === CLUSTER)).toBe(true);
      expect(subjects.has(BATCH)).toBe(true);
      expect(((await get('/findings/summary')).body as FindingsSummary).open).toBe(findings.totalCount);
      expect(((await get('/costs')).body as CostsResponse).items.map(c => c.key)).toEqual([PAYMENTS]);
      expect(((await get('/governance/pools')).body as GovernancePoolsResponse).items.map(p => p.ref)).toEqual([API, BATCH]);
      expect(((await get(ownerPath(DATA))).body as OwnerReview).pools).toEqual([]);
      const exported = (await get('/export/findings.json')).body as GovernanceFindingRecord[];
      expect(exported.length).toBe(findings.totalCount);
      const hidden = await request(server)
        .post(`/api/nodepools${ownerPath(DATA)}/confirm`)
        .set('Authorization', auth)
        .send({ pools: [{ ref: SPOT, action: 'confirm' }] });
      expect(hidden.status).toBe(400);
      expect(hidden.body.error.message).toMatch(/no pool/);
    });

    it('confirms and hands over pools in an owner review', async () => {
      const { server } = await start(knex, dir);
      await evaluated(server);
      const get = (url: string) => request(server).get(`/api/nodepools${url}`).set('Authorization', auth);
      const before = (await get(ownerPath('team-payments'))).body as OwnerReview;
      expect(before).toMatchObject({ owner: PAYMENTS, period: { days: 90 } });
      expect(before.pools.map(p => [p.ref, p.confirmationDue])).toEqual([
        [API, true],
        [BATCH, true],
      ]);
      expect(before.findings.filter(f => f.rule === 'unconfirmed-ownership').map(f => f.subject.ref)).toEqual([API, BATCH]);
      expect(before.totals.pools).toBe(2);
      expect(before.history.map(h => [h.owner, h.pools])).toEqual([[PAYMENTS, 2]]);

      const confirmed = await request(server)
        .post(`/api/nodepools${ownerPath(PAYMENTS)}/confirm`)
        .set('Authorization', auth)
        .send({ pools: [{ ref: API, action: 'confirm' }, { ref: BATCH, action: 'hand-over', handTo: 'team-data' }] });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.items).toEqual([
        { poolRef: API, owner: PAYMENTS, by: 'user:default/mock', at: expect.any(String) },
        { poolRef: BATCH, owner: PAYMENTS, by: 'user:default/mock', at: expect.any(String), handedTo: DATA },
      ]);

      const after = (await get(ownerPath(PAYMENTS))).body as OwnerReview;
      expect(after.pools.map(p => [p.ref, p.confirmationDue])).toEqual([
        [API, false],
        [BATCH, true],
      ]);
      // Resolved in the answer to the review, not at the next scheduled evaluation.
      expect(after.findings.filter(f => f.rule === 'unconfirmed-ownership').map(f => f.subject.ref)).toEqual([BATCH]);
      expect(after.pools.find(p => p.ref === BATCH)?.confirmation?.handedTo).toBe(DATA);
    });

    it('refuses a confirmation the policy denies for a pool', async () => {
      const { server } = await start(knex, dir, permission =>
        permission.name === nodepoolReviewConfirmPermission.name
          ? createNodepoolConditionalDecision(
              permission as typeof nodepoolReviewConfirmPermission,
              nodepoolConditions.isOwner({ claims: [DATA] }),
            )
          : { result: AuthorizeResult.ALLOW },
      );
      await evaluated(server);
      const denied = await request(server)
        .post(`/api/nodepools${ownerPath(PAYMENTS)}/confirm`)
        .set('Authorization', auth)
        .send({ pools: [{ ref: API, action: 'confirm' }] });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/nodepool.review.confirm/);
      const allowed = await request(server)
        .post(`/api/nodepools${ownerPath(DATA)}/confirm`)
        .set('Authorization', auth)
        .send({ pools: [{ ref: SPOT, action: 'confirm' }] });
      expect(allowed.status).toBe(200);
    });

    it('exports as CSV and JSON with the listing filters, cells a spreadsheet would run quoted', async () => {
      const { server } = await start(knex, dir);
      await evaluated(server);
      const csv = await request(server).get('/api/nodepools/export/pools.csv').set('Authorization', auth);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="nodepools-pools-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = csv.text.trim().split(/\r?\n/);
      expect(lines).toHaveLength(5);
      // No cell of the export starts a formula.
      for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
      expect(csv.text).toContain("'=HYPERLINK");

      const json = await request(server).get(`/api/nodepools/export/findings.json?owner=${DATA}`).set('Authorization', auth);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.headers['content-disposition']).toMatch(/filename="nodepools-findings-.*\.json"/);
      expect(json.body.length).toBeGreaterThan(0);
      const costs = await request(server).get('/api/nodepools/export/costs.csv?groupBy=owner').set('Authorization', auth);
      expect(costs.status).toBe(200);
      expect(costs.text).toContain(PAYMENTS);
    });
  });
});
