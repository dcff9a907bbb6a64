import { mockServices, TestDatabases, type TestDatabaseId } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { defaultMachineCatalog, DEFAULT_OWNER_KEYS, type PoolRequestSpec, type PoolSpec } from '@nodepools/plugin-nodepools-common';
import { preparePool } from '../inventory/preparePool';
import { createStoresFromKnex, type Stores } from '../store/createStores';
import { makePoolSpec } from '../testing/makePoolSpec';
import type { RequestsConfig } from './config';
import { runDrift } from '../drift/runDrift';
import { createRequestWorkflow, type RequestWorkflow } from './createRequestWorkflow';
import { approvedRequestsSource } from './desiredState';
import type { Caller } from './RequestService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const DAY = 24 * 3600_000;

const CONFIG: RequestsConfig = {
  expireAfterMs: 2 * DAY,
  approvers: [],
  policy: { machineTypes: [], quotas: {}, specialisedCategories: ['gpu'] },
  pricing: {},
};

function caller(userRef: string): Caller {
  return { credentials: { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: userRef } }, userRef, ownership: [userRef, 'group:default/team-payments'], canCreate: true, canApprove: true };
}

function spec(name: string): PoolRequestSpec {
  return {
    kind: 'eks-managed-node-group',
    cluster: 'eks/111122223333/eu-west-1/payments-prod',
    name,
    machineTypes: ['m6i.large'],
    nodeCount: 2,
    capacityType: 'on-demand',
    os: 'linux',
    labels: {},
    taints: [],
    zones: [],
    owner: 'group:default/payments',
    justification: 'test',
  };
}

interface Harness {
  stores: Stores;
  workflow: RequestWorkflow;
  clock: { now: Date };
  sent: NotificationSendOptions[];
  sync(pools: PoolSpec[]): Promise<void>;
}

async function harness(databaseId: TestDatabaseId): Promise<Harness> {
  const stores = await createStoresFromKnex(await databases.init(databaseId));
  const clock = { now: new Date('2026-12-01T10:00:00.000Z') };
  const sent: NotificationSendOptions[] = [];
  const workflow = createRequestWorkflow({
    pools: stores.pools,
    requests: stores.requests,
    config: CONFIG,
    logger: mockServices.logger.mock(),
    notifications: { send: async n => void sent.push(n) },
    machines: defaultMachineCatalog(),
    now: () => clock.now,
  });
  const ownership = { keys: DEFAULT_OWNER_KEYS, rules: [] };
  const hints = { requestedOwner: (p: PoolSpec) => workflow.ownerIndex.ownerOf(p) };
  const sync = async (pools: PoolSpec[]) => {
    await workflow.refreshOwners();
    await stores.pools.applySync({
      source: { id: 'eks', kind: 'eks', target: 'eks' },
      startedAt: clock.now.toISOString(),
      finishedAt: clock.now.toISOString(),
      outcome: { listings: [{ scope: 'eks:payments-prod', complete: true, pools: pools.map(p => preparePool(p, ownership, hints)) }] },
    });
  };
  return { stores, workflow, clock, sent, sync };
}

async function approved(h: Harness, name: string) {
  const created = await h.workflow.service.create(spec(name), caller('user:default/alice'), { submit: true });
  return h.workflow.service.review(created.id, 'approve', created.version, caller('user:default/bob'));
}

describe.each(databases.eachSupportedId())('provisioning detection on %p', databaseId => {
  it('follows a pool from creating to ready, links it and gives it the request owner', async () => {
    const h = await harness(databaseId);
    await h.sync([makePoolSpec()]);
    const request = await approved(h, 'batch');
    const untagged = { tags: {}, labels: {} };

    await h.sync([makePoolSpec(), makePoolSpec({ name: 'batch', state: 'CREATING', ...untagged })]);
    expect(await h.workflow.detect()).toEqual({ provisioning: 1, provisioned: 0, failed: 0, expired: 0 });
    expect(await h.stores.requests.get(request.id)).toMatchObject({ state: 'provisioning', poolRef: 'eks/111122223333/eu-west-1/payments-prod/batch' });

    h.clock.now = new Date('2026-12-01T10:20:00.000Z');
    await h.sync([makePoolSpec(), makePoolSpec({ name: 'batch', state: 'ACTIVE', ...untagged })]);
    expect(await h.workflow.detect()).toEqual({ provisioning: 0, provisioned: 1, failed: 0, expired: 0 });
    const done = await h.stores.requests.get(request.id);
    expect(done).toMatchObject({ state: 'provisioned', provisionedAt: '2026-12-01T10:20:00.000Z' });
    expect(h.sent.at(-1)?.payload.title).toBe('Node pool provisioned: batch');
    expect((await h.stores.requests.getAudit(request.id)).map(a => [a.action, a.actor])).toEqual([
      ['create', 'user:default/alice'],
      ['approve', 'user:default/bob'],
      ['detect-creating', 'system'],
      ['detect-ready', 'system'],
    ]);

    const pool = await h.stores.pools.getPool('eks/111122223333/eu-west-1/payments-prod/batch');
    expect(pool).toMatchObject({ owner: 'group:default/payments', ownerSource: 'request' });
    const tagged = await h.stores.pools.getPool('eks/111122223333/eu-west-1/payments-prod/general');
    expect(tagged).toMatchObject({ owner: 'group:default/team-payments', ownerSource: 'tag' });
    expect(await h.workflow.detect()).toEqual({ provisioning: 0, provisioned: 0, failed: 0, expired: 0 });
  });

  it('makes the approved spec the desired state of its pool: a difference is drift', async () => {
    const h = await harness(databaseId);
    await h.sync([makePoolSpec()]);
    await approved(h, 'batch');
    // Approved for two m6i.large nodes; the cloud runs three.
    await h.sync([makePoolSpec(), makePoolSpec({ name: 'batch', machineTypes: ['m6i.large'], nodeCount: 3, autoscaling: { enabled: false }, labels: {} })]);
    await h.workflow.detect();
    const source = approvedRequestsSource(h.workflow.approvedRequestsAsDesired);
    const read = async (versions: ReadonlyMap<string, string>) => {
      const listings = await source.list({ versions });
      await h.stores.drift.applyDesired({
        source: { id: source.id, kind: source.kind, target: source.target },
        startedAt: h.clock.now.toISOString(),
        finishedAt: h.clock.now.toISOString(),
        outcome: { listings },
      });
      return listings[0];
    };
    const first = await read(new Map());
    expect(first).toMatchObject({ scope: 'requests', complete: true, pools: [expect.objectContaining({ name: 'batch' })] });
    await runDrift({ store: h.stores.drift, now: () => h.clock.now });
    const findings = await h.stores.drift.poolFindings('eks/111122223333/eu-west-1/payments-prod/batch', ['open'], h.clock.now);
    expect(findings.map(f => [f.field, f.desired, f.actual])).toEqual([['nodeCount', 2, 3]]);
    // A request declares its own pool, not its cluster: the cluster's other pools are no "not in IaC" findings.
    expect((await h.stores.drift.listFindings({}, h.clock.now)).totalCount).toBe(1);
    // The same approved requests read again: nothing to compare anew.
    expect(await read(new Map([['requests', first.version!]]))).toMatchObject({ unchanged: true, pools: [] });
  });

  it('fails a request whose pool the cloud reports failed, and expires one whose pool never comes', async () => {
    const h = await harness(databaseId);
    await h.sync([makePoolSpec()]);
    const failing = await approved(h, 'broken');
    const never = await approved(h, 'ghost');
    await h.sync([makePoolSpec({ name: 'broken', state: 'CREATE_FAILED' })]);

    expect(await h.workflow.detect()).toEqual({ provisioning: 0, provisioned: 0, failed: 1, expired: 0 });
    expect(await h.stores.requests.get(failing.id)).toMatchObject({ state: 'failed', stateReason: 'the cloud reports the pool as CREATE_FAILED' });
    expect((await h.stores.requests.get(never.id))?.state).toBe('approved');

    h.clock.now = new Date(h.clock.now.getTime() + 2 * DAY);
    expect(await h.workflow.detect()).toEqual({ provisioning: 0, provisioned: 0, failed: 0, expired: 1 });
    expect(await h.stores.requests.get(never.id)).toMatchObject({ state: 'expired', stateReason: 'the pool did not appear in the inventory within 2 days of approval' });
  });

  it('gives the approved specs of pools the inventory has seen as desired pools of source request:<id>', async () => {
    const h = await harness(databaseId);
    await h.sync([makePoolSpec()]);
    const request = await approved(h, 'batch');
    await approved(h, 'not-yet-created');
    await h.workflow.service.create(spec('draft-only'), caller('user:default/alice'), {});
    expect(await h.workflow.approvedRequestsAsDesired()).toEqual([]);
    await h.sync([makePoolSpec(), makePoolSpec({ name: 'batch', state: 'CREATING' })]);
    await h.workflow.detect();
    const desired = await h.workflow.approvedRequestsAsDesired();
    expect(desired.map(d => [d.ref, d.source, d.nodeCount, d.machineTypes])).toEqual([
      ['eks/111122223333/eu-west-1/payments-prod/batch', `request:${request.id}`, 2, ['m6i.large']],
    ]);
  });
});
