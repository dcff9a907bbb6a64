import { promises as fs } from 'node:fs';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createNodepoolConditionalDecision, nodepoolConditions } from './conditions';
import {
  PAYMENTS_PROD,
  shopFixture,
  SHOP_PROD,
  startPaymentsBackend,
} from './__testUtils__/paymentsBackend';

jest.setTimeout(120_000);

const auth = mockCredentials.user.header();
const PAYMENTS = 'group:default/team-payments';
const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };

/** Team payments reads its own pools and analyzes pending pods. */
function paymentsTeam(permission: Permission): PolicyDecision {
  if (permission.name === 'nodepool.read') {
    return createNodepoolConditionalDecision(
      permission as Parameters<typeof createNodepoolConditionalDecision>[0],
      nodepoolConditions.isOwner({ claims: [PAYMENTS] }),
    );
  }
  return ALLOW;
}

async function readShop(name: string) {
  return JSON.parse(await fs.readFile(shopFixture(name), 'utf8'));
}

describe('triage under a conditional read decision', () => {
  it('shows the triage of clusters where the caller reads a pool, and only the caller’s pools’ counts', async () => {
    const server = await startPaymentsBackend(paymentsTeam);
    const everyone = await startPaymentsBackend(() => ALLOW);

    const all = await request(everyone).get('/api/nodepools/triage/clusters').set('Authorization', auth);
    expect(all.body.items.map((c: { clusterRef: string }) => c.clusterRef).sort()).toEqual(
      [PAYMENTS_PROD, SHOP_PROD].sort(),
    );
    const clusters = await request(server).get('/api/nodepools/triage/clusters').set('Authorization', auth);
    expect(clusters.body.items.map((c: { clusterRef: string }) => c.clusterRef)).toEqual([PAYMENTS_PROD]);

    const report = await request(server)
      .get('/api/nodepools/triage')
      .query({ cluster: 'payments-prod' })
      .set('Authorization', auth);
    expect(report.status).toBe(200);
    expect(report.body.clusterRef).toBe(PAYMENTS_PROD);

    const byRef = await request(server).get('/api/nodepools/triage').query({ cluster: SHOP_PROD }).set('Authorization', auth);
    expect(byRef.status).toBe(403);
    expect(byRef.body.error.message).toBe(
      `You are not allowed to read the triage of cluster '${SHOP_PROD}' (permission nodepool.read)`,
    );
    // A name is resolved among the clusters the caller may read.
    const byName = await request(server).get('/api/nodepools/triage').query({ cluster: 'shop-prod' }).set('Authorization', auth);
    expect(byName.status).toBe(404);

    const owned = await request(server).get('/api/nodepools/pools?limit=100').set('Authorization', auth);
    const ownedRefs = new Set(owned.body.items.map((p: { ref: string }) => p.ref));
    const [mine, every] = await Promise.all([
      request(server).get('/api/nodepools/triage/pools').set('Authorization', auth),
      request(everyone).get('/api/nodepools/triage/pools').set('Authorization', auth),
    ]);
    const mineRefs: string[] = mine.body.items.map((p: { ref: string }) => p.ref);
    expect(mineRefs.length).toBeGreaterThan(0);
    expect(mineRefs.every(ref => ownedRefs.has(ref))).toBe(true);
    expect(every.body.items.filter((p: { ref: string }) => ownedRefs.has(p.ref))).toEqual(mine.body.items);
  });

  it('analyzes posted kubectl JSON against the pools the caller may read only', async () => {
    const server = await startPaymentsBackend(paymentsTeam);
    const everyone = await startPaymentsBackend(() => ALLOW);
    const body = {
      cluster: 'shop-prod',
      pods: await readShop('pods.json'),
      nodes: await readShop('nodes.json'),
    };
    const full = await request(everyone).post('/api/nodepools/triage/analyze').set('Authorization', auth).send(body);
    expect(full.status).toBe(200);
    const inventoryRefs: string[] = full.body.pools.map((p: { ref: string }) => p.ref);
    // The inventory knows a pool no node runs on yet.
    expect(inventoryRefs).toContain('gke/acme-shop/europe-west1/shop-prod/l4');

    // No shop-prod pool is the caller's: the analysis reads pools from the posted nodes only.
    const restricted = await request(server).post('/api/nodepools/triage/analyze').set('Authorization', auth).send(body);
    expect(restricted.status).toBe(200);
    const seen: string[] = restricted.body.pools.map((p: { ref: string }) => p.ref);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter(ref => inventoryRefs.includes(ref))).toEqual([]);
  });
});
