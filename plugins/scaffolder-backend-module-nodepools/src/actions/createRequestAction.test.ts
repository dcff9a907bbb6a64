import { createBackendModule, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import { nodepoolsSourcesExtensionPoint } from '@nodepools/plugin-nodepools-node';
// The action is tested against the real nodepools backend it calls.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import nodepoolsPlugin from '@nodepools/plugin-nodepools-backend';
import type { AddressInfo } from 'net';
import { createNodepoolsRequestAction } from './createRequestAction';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';

const POOL: PoolSpec = {
  provider: 'gke',
  account: 'shop-project',
  region: 'europe-west1',
  cluster: 'shop-prod',
  name: 'default-pool',
  mode: 'user',
  os: 'linux',
  machineTypes: ['e2-standard-4'],
  capacityType: 'on-demand',
  nodeCount: 3,
  autoscaling: { enabled: false },
  labels: {},
  taints: [],
  zones: ['europe-west1-b'],
  tags: { owner: 'platform' },
  state: 'RUNNING',
  raw: {},
};

/** The inventory the nodepools backend syncs at start-up: one GKE cluster. */
const inventory = createBackendModule({
  pluginId: 'nodepools',
  moduleId: 'test-inventory',
  register(env) {
    env.registerInit({
      deps: { sources: nodepoolsSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSource(
          { id: 'gke-test', kind: 'gke', target: 'test', list: async () => [{ scope: 'gke:shop-prod', complete: true, pools: [POOL] }] },
          { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
        );
      },
    });
  },
});

const group = (name: string) => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name, namespace: 'default' }, spec: { type: 'team', children: [] } });

/** A real nodepools backend on a local port, and the action pointed at it. */
async function setup() {
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      inventory,
      mockServices.database.factory(),
      catalogServiceMock.factory({ entities: [group('search'), group('platform')] }),
      createServiceFactory({ service: notificationService, deps: {}, factory: () => ({ send: async () => {} }) }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  const action = createNodepoolsRequestAction({
    discovery: { getBaseUrl: async () => `http://localhost:${port}/api/nodepools`, getExternalBaseUrl: async () => `http://localhost:${port}/api/nodepools` },
    auth: mockServices.auth(),
    appBaseUrl: 'https://backstage.example.com',
  });
  return { server, action };
}

const INPUT = {
  kind: 'gke-node-pool' as const,
  cluster: 'gke/shop-project/europe-west1/shop-prod',
  name: 'search',
  machineTypes: ['e2-standard-4'],
  nodeCount: 3,
  zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'],
  owner: 'group:default/search',
  justification: 'search indexers',
};

/** The mock context of a task Alice started; the mock takes only some fields as options, the rest are set on it. */
function context(input: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const ctx = createMockActionContext({ input: input as never });
  return Object.assign(ctx, { getInitiatorCredentials: async () => mockCredentials.user(ALICE) }, extra);
}

describe('nodepools:request:create', () => {
  it('submits the request as the user who runs the template and returns its link', async () => {
    const { server, action } = await setup();
    const ctx = context(INPUT);

    await action.handler(ctx as never);

    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.state).toBe('submitted');
    expect(outputs.link).toBe(`https://backstage.example.com/nodepools/requests/${outputs.id}`);
    expect(outputs.monthlyCostMax).toBeGreaterThan(0);
    const { port } = server.address() as AddressInfo;
    const stored = await fetch(`http://localhost:${port}/api/nodepools/requests/${outputs.id}`, { headers: { Authorization: mockCredentials.user.header(ALICE) } });
    expect(await stored.json()).toMatchObject({ requester: ALICE, state: 'submitted', spec: { name: 'search', cluster: INPUT.cluster } });
  });

  it('fails with every violation when the request breaks a policy, and creates nothing', async () => {
    const { action } = await setup();
    const ctx = context({ ...INPUT, name: 'default-pool', capacityType: 'spot', nodeCount: 4 });

    await expect(action.handler(ctx as never)).rejects.toThrow(
      /breaks 3 policies: name \(name-unique\): .*default-pool.*; nodeCount \(per-zone-count\): .*; taints \(spot-tainted\)/,
    );
    expect(ctx.output).not.toHaveBeenCalledWith('id', expect.anything());
  });

  it('names the input that the API refuses', async () => {
    const { action } = await setup();
    await expect(action.handler(context({ ...INPUT, labels: { ok: 'bad value' } }) as never)).rejects.toThrow(/Invalid input 'labels.ok'/);
  });

  it('only checks the request in a dry run', async () => {
    const { server, action } = await setup();
    const ctx = context(INPUT, { isDryRun: true });
    await action.handler(ctx as never);
    expect(ctx.output).toHaveBeenCalledWith('id', 'dry-run');
    const { port } = server.address() as AddressInfo;
    const list = await fetch(`http://localhost:${port}/api/nodepools/requests`, { headers: { Authorization: mockCredentials.user.header(ALICE) } });
    expect((await list.json()).totalCount).toBe(0);
  });
});
