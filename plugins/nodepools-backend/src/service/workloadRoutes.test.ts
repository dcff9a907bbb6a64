import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { syncTaskId } from '../inventory/SyncScheduler';
import { nodepoolsPlugin } from '../plugin';
import { controllableScheduler } from '../__testUtils__/controllableScheduler';

jest.setTimeout(60_000);

const SAMPLES = path.resolve(__dirname, '../../../../sample-inventory');
const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const auth = mockCredentials.user.header();
const POOLS = 'eks/111122223333/us-east-1/payments-prod';

/** The sample EKS export of payments-prod, and the saved nodes and pods of that cluster. */
async function startPaymentsProd(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const scheduler = controllableScheduler();
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          nodepools: {
            sources: { files: [{ path: path.join(SAMPLES, 'eks-payments-prod.json') }] },
            ownership: { catalog: { enabled: false } },
            triage: {
              files: [
                {
                  cluster: 'payments-prod',
                  provider: 'eks',
                  account: '111122223333',
                  region: 'us-east-1',
                  pods: path.join(SAMPLES, 'triage/payments-prod/pods.json'),
                  nodes: path.join(SAMPLES, 'triage/payments-prod/nodes.json'),
                },
              ],
            },
          },
        },
      }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  // The cloud's pools first, so the saved nodes merge onto them.
  await scheduler.triggerTask(syncTaskId('files'));
  await scheduler.triggerTask(syncTaskId('triage-files'));
  return server;
}

const get = (server: Parameters<typeof request>[0], query: string) =>
  request(server).get(`/api/nodepools/workloads/pools?${query}`).set('Authorization', auth);

describe('GET /workloads/pools', () => {
  it.each(databases.eachSupportedId())(
    'finds the pools the pods of a workload run on, from the saved snapshot, on %p',
    async databaseId => {
      const server = await startPaymentsProd(databaseId as TestDatabaseId);

      const worker = await get(server, 'kubernetesId=notification-worker&labelSelector=app%3Dnotification-worker');
      expect(worker.status).toBe(200);
      expect(worker.body.selector).toBe('app=notification-worker');
      expect(
        worker.body.items.map((i: { pool: { ref: string }; pods: number; namespaces: unknown }) => [
          i.pool.ref,
          i.pods,
          i.namespaces,
        ]),
      ).toEqual([[`${POOLS}/workers-spot`, 8, [{ namespace: 'async', pods: 8 }]]]);

      // The ingress controller runs on the ingress pool; a daemonset on every pool.
      const ingress = await get(server, 'labelSelector=app.kubernetes.io/name%3Dingress-nginx');
      expect(ingress.body.items.map((i: { pool: { name: string }; pods: number }) => [i.pool.name, i.pods])).toEqual([
        ['ingress', 3],
      ]);
      const awsNode = await get(server, 'labelSelector=app.kubernetes.io/name%3Daws-node&namespace=kube-system');
      expect(awsNode.body.items.length).toBeGreaterThan(5);
      expect(awsNode.body.items.every((i: { namespaces: Array<{ namespace: string }> }) =>
        i.namespaces.every(n => n.namespace === 'kube-system'),
      )).toBe(true);

      // Another namespace, or a label no pod has, finds nothing.
      expect((await get(server, 'labelSelector=app%3Dnotification-worker&namespace=web')).body.items).toEqual([]);
      expect((await get(server, 'kubernetesId=notification-worker')).body.items).toEqual([]);
    },
  );

  it('answers 400 naming the parameter for what it cannot look up', async () => {
    const server = await startPaymentsProd('SQLITE_3');
    const cases: Array<[string, string]> = [
      ['', "Give query parameter 'kubernetesId' or 'labelSelector'"],
      ['labelSelector=tier%3Dweb', "Invalid query parameter 'labelSelector': pod label 'tier' is not recorded"],
      ['labelSelector=app', "Invalid query parameter 'labelSelector': the selector needs one requirement"],
      ['labelSelector=app%3E3', "Invalid query parameter 'labelSelector': label selector 'app>3'"],
      ['kubernetesId=not%20an%20id', "Invalid query parameter 'kubernetesId': label selector"],
      ['kubernetesId=a&cluster=b', "Unknown query parameter 'cluster'"],
    ];
    for (const [query, message] of cases) {
      const res = await get(server, query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.message).toContain(message);
    }
  });
});
