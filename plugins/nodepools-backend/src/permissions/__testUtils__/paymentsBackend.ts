import path from 'node:path';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { nodepoolsPlugin } from '../../plugin';
import { policyPermissionsFactory, type TestPolicy } from './policyPermissions';

const SAMPLES = path.resolve(__dirname, '../../../../../sample-inventory');
const SHOP = path.resolve(__dirname, '../../cli/__fixtures__/triage');

export const PAYMENTS_PROD = 'eks/111122223333/us-east-1/payments-prod';
export const SHOP_PROD = 'kubernetes/-/-/shop-prod';
export const shopFixture = (name: string) => path.join(SHOP, name);

/**
 * Two clusters with their triage: the sample's payments-prod (EKS, pools
 * of several teams) and shop-prod (GKE, pools without owners), under a
 * test policy.
 */
export async function startPaymentsBackend(
  policy: TestPolicy,
  extra: { features?: BackendFeature[]; config?: Record<string, unknown> } = {},
) {
  const snapshot = (name: string) => path.join(SAMPLES, 'triage/payments-prod', name);
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...extra.config,
          nodepools: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
            sources: {
              files: [
                { path: path.join(SAMPLES, 'eks-payments-prod.json') },
                { path: shopFixture('gke-node-pools.json') },
              ],
            },
            // The sample Terraform state of payments-prod: its pools' drift.
            desired: { files: [{ path: path.join(SAMPLES, 'desired/payments-prod.tfstate') }] },
            drift: { debounce: { milliseconds: 20 } },
            triage: {
              files: [
                {
                  cluster: 'payments-prod',
                  provider: 'eks',
                  account: '111122223333',
                  region: 'us-east-1',
                  pods: snapshot('pods.json'),
                  nodes: snapshot('nodes.json'),
                  events: snapshot('events.json'),
                },
                {
                  cluster: 'shop-prod',
                  pods: shopFixture('pods.json'),
                  nodes: shopFixture('nodes.json'),
                  events: shopFixture('events.json'),
                },
              ],
            },
          },
        },
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      policyPermissionsFactory(policy),
      ...(extra.features ?? []),
    ],
  });
  return server;
}
