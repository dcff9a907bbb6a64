import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { expandTriageReport } from '@nodepools/plugin-nodepools-common';
import request from 'supertest';
import { nodepoolsPlugin } from '../plugin';

jest.setTimeout(60_000);

const FIXTURES = path.resolve(__dirname, '../cli/__fixtures__/triage');
const SAMPLES = path.resolve(__dirname, '../../../../sample-inventory');
const auth = mockCredentials.user.header();
const fixture = (name: string) => path.join(FIXTURES, name);

/** The shop-prod GKE pools from an export, and a saved kubectl snapshot of the cluster. */
async function startShop(triageFiles: Array<Record<string, string>>) {
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.rootConfig.factory({
        data: {
          nodepools: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
            sources: { files: [{ path: fixture('gke-node-pools.json') }] },
            triage: { files: triageFiles },
          },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
    ],
  });
  return server;
}

async function readJson(name: string) {
  return JSON.parse(await fs.readFile(fixture(name), 'utf8'));
}

describe('triage routes', () => {
  it('stores the triage of saved kubectl output and serves it per cluster and per pool', async () => {
    const server = await startShop([
      {
        cluster: 'shop-prod',
        pods: fixture('pods.json'),
        nodes: fixture('nodes.json'),
        events: fixture('events.json'),
      },
      { cluster: 'elsewhere', pods: fixture('missing.json'), nodes: fixture('nodes.json') },
    ]);

    const clusters = await request(server).get('/api/nodepools/triage/clusters').set('Authorization', auth);
    expect(clusters.body.items).toEqual([
      {
        clusterRef: 'kubernetes/-/-/elsewhere',
        provider: 'kubernetes',
        cluster: 'elsewhere',
        source: 'triage-files',
        pendingPods: 0,
        // Where the config says, from the app's root: never an absolute path of the backend's machine.
        error: 'pods file plugins/nodepools-backend/src/cli/__fixtures__/triage/missing.json: file not found',
      },
      expect.objectContaining({
        clusterRef: 'kubernetes/-/-/shop-prod',
        cluster: 'shop-prod',
        source: 'triage-files',
        collectedAt: expect.any(String),
      }),
    ]);
    expect(clusters.body.items[1].pendingPods).toBeGreaterThan(0);

    const triage = await request(server)
      .get('/api/nodepools/triage?cluster=shop-prod')
      .set('Authorization', auth);
    expect(triage.status).toBe(200);
    expect(triage.body.report.format).toBe(3);
    const checkout = expandTriageReport(triage.body.report).pods.find(p => p.name.startsWith('checkout-'))!;
    // The pools were read from the inventory: the verdict names the stored pool's ref.
    expect(checkout.pools[0]).toMatchObject({
      pool: 'default-pool',
      ref: 'gke/acme-shop/europe-west1/shop-prod/default-pool',
      fitsAfterScaleUp: true,
    });

    const pools = await request(server).get('/api/nodepools/triage/pools').set('Authorization', auth);
    expect(pools.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ref: 'gke/acme-shop/europe-west1/shop-prod/default-pool' }),
      ]),
    );

    const none = await request(server).get('/api/nodepools/triage?cluster=nope').set('Authorization', auth);
    expect(none.status).toBe(404);
    const bad = await request(server).get('/api/nodepools/triage').set('Authorization', auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'cluster'");
  });

  it('analyzes posted kubectl JSON against the inventory of the named cluster', async () => {
    const server = await startShop([]);
    const res = await request(server)
      .post('/api/nodepools/triage/analyze')
      .set('Authorization', auth)
      .send({
        cluster: 'shop-prod',
        pods: await readJson('pods.json'),
        nodes: await readJson('nodes.json'),
        events: await readJson('events.json'),
      });
    expect(res.status).toBe(200);
    expect(res.body.cluster).toBe('shop-prod');
    const job = expandTriageReport(res.body).pods.find(p => p.name.startsWith('nightly-report-'))!;
    expect(job.fix).toMatchObject({ kind: 'raise-max', pool: 'highmem' });
  });

  it.each([
    [{ nodes: { items: [] } }, "Invalid field 'pods'"],
    [{ pods: 'all of them', nodes: { items: [] } }, "Invalid field 'pods'"],
    [{ pods: { items: [] }, nodes: { items: [] }, pod: {} }, "Unknown field 'pod'"],
  ])('answers 400 naming the field for %j', async (body, message) => {
    const server = await startShop([]);
    const res = await request(server)
      .post('/api/nodepools/triage/analyze')
      .set('Authorization', auth)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('lists a malformed pod as skipped and analyzes the rest', async () => {
    const server = await startShop([]);
    const pods = await readJson('pods.json');
    pods.items.push({ kind: 'Pod', metadata: { name: 'broken', namespace: 'shop' }, status: { phase: 'Pending' } });
    const res = await request(server)
      .post('/api/nodepools/triage/analyze')
      .set('Authorization', auth)
      .send({ cluster: 'shop-prod', pods, nodes: await readJson('nodes.json') });
    expect(res.status).toBe(200);
    expect(res.body.skipped).toEqual(
      expect.arrayContaining([expect.objectContaining({ object: expect.stringContaining('broken') })]),
    );
    expect(res.body.pods.length).toBeGreaterThan(0);
  });

  it('tells two clusters of one name apart by their refs', async () => {
    // The sample's payments-prod (us-east-1), and a twin of it in us-west-2.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nodepools-twins-'));
    const east = path.join(SAMPLES, 'eks-payments-prod.json');
    const west = path.join(dir, 'eks-payments-prod-west.json');
    await fs.writeFile(west, (await fs.readFile(east, 'utf8')).replaceAll('us-east-1', 'us-west-2'));
    const snapshot = (name: string) => path.join(SAMPLES, 'triage/payments-prod', name);
    const twin = (region: string) => ({
      cluster: 'payments-prod',
      provider: 'eks',
      account: '111122223333',
      region,
      pods: snapshot('pods.json'),
      nodes: snapshot('nodes.json'),
    });
    const { server } = await startTestBackend({
      features: [
        nodepoolsPlugin,
        mockServices.rootConfig.factory({
          data: {
            nodepools: {
              schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
              sources: { files: [{ path: east }, { path: west }] },
              triage: { files: [twin('us-east-1'), twin('us-west-2')] },
            },
          },
        }),
        mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      ],
    });
    const EAST = 'eks/111122223333/us-east-1/payments-prod';
    const WEST = 'eks/111122223333/us-west-2/payments-prod';

    const clusters = await request(server).get('/api/nodepools/triage/clusters').set('Authorization', auth);
    expect(clusters.body.items.map((c: { clusterRef: string }) => c.clusterRef)).toEqual([EAST, WEST]);

    const ambiguous = await request(server)
      .get('/api/nodepools/triage?cluster=payments-prod')
      .set('Authorization', auth);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.message).toBe(
      `Invalid query parameter 'cluster': 'kubernetes/-/-/payments-prod' may be any of 2 clusters: ${EAST}, ${WEST}; pass one of these cluster refs`,
    );

    for (const [ref, region] of [[EAST, 'us-east-1'], [WEST, 'us-west-2']]) {
      const triage = await request(server)
        .get('/api/nodepools/triage')
        .query({ cluster: ref })
        .set('Authorization', auth);
      expect(triage.status).toBe(200);
      expect(triage.body).toMatchObject({ clusterRef: ref, region, cluster: 'payments-prod' });
      // Each report was read against its own cluster's pools only.
      const poolRefs: string[] = triage.body.report.pools.map((p: { ref: string }) => p.ref);
      expect(poolRefs.length).toBeGreaterThan(0);
      expect(poolRefs.every(r => r.startsWith(`${ref}/`))).toBe(true);
    }

    const bad = await request(server).get('/api/nodepools/triage?cluster=eks/1/prod').set('Authorization', auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Invalid query parameter 'cluster': 'eks/1/prod' is not a cluster ref");

    const body = { pods: { items: [] }, nodes: { items: [] } };
    const byName = await request(server)
      .post('/api/nodepools/triage/analyze')
      .set('Authorization', auth)
      .send({ ...body, cluster: 'payments-prod' });
    expect(byName.status).toBe(400);
    expect(byName.body.error.message).toContain("Invalid field 'cluster' in the request body: 'kubernetes/-/-/payments-prod' may be any of 2 clusters");
    const byRef = await request(server)
      .post('/api/nodepools/triage/analyze')
      .set('Authorization', auth)
      .send({ ...body, cluster: WEST });
    expect(byRef.status).toBe(200);
    expect(byRef.body.pools.length).toBeGreaterThan(0);
    expect(byRef.body.pools.every((p: { ref: string }) => p.ref.startsWith(`${WEST}/`))).toBe(true);
  });
});
