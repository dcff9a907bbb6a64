import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { PoolRequestSpecInput } from '@nodepools/plugin-nodepools-common';
import request from 'supertest';
import { ALICE, BOB, startRequestBackend } from '../requests/__testUtils__/requestBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const as = (user: string) => mockCredentials.user.header(user);
const quiet = { send: async () => {} };

const SPEC: PoolRequestSpecInput = {
  kind: 'eks-managed-node-group',
  cluster: 'eks/111122223333/eu-west-1/payments-prod',
  name: 'batch',
  machineTypes: ['m6i.large'],
  nodeCount: 2,
  owner: 'group:default/payments',
  justification: 'batch',
};

/** A policy that grants each user the permissions listed for them. */
function policy(grants: Record<string, string[]>) {
  return (permission: string, user: string) => (grants[user] ?? []).includes(permission);
}

describe('permissions on pool requests', () => {
  it.each([
    ['allowed to create', ['nodepool.request.create'], 201],
    ['denied', [], 403],
    ['only allowed to approve', ['nodepool.request.approve'], 403],
  ])('answers a requester %s with %p', async (_what, granted, status) => {
    const backend = await startRequestBackend({ databases, databaseId: 'SQLITE_3', grant: policy({ [ALICE]: granted }), notifications: quiet });
    const res = await request(backend.server).post('/api/nodepools/requests').set('Authorization', as(ALICE)).send({ spec: SPEC });
    expect(res.status).toBe(status);
  });

  it.each([
    ['allowed to approve', ['nodepool.request.approve'], 200, 'approved'],
    ['denied', ['nodepool.request.create'], 403, 'submitted'],
  ])('answers an approver %s with %p', async (_what, granted, status, state) => {
    const backend = await startRequestBackend({
      databases,
      databaseId: 'SQLITE_3',
      grant: policy({ [ALICE]: ['nodepool.request.create'], [BOB]: granted }),
      notifications: quiet,
    });
    const created = await request(backend.server).post('/api/nodepools/requests').set('Authorization', as(ALICE)).send({ spec: SPEC, submit: true });
    // Bob's group owns the cluster's pools: the queue shows him the request only if he may approve.
    const queue = await request(backend.server).get('/api/nodepools/requests?view=to-approve').set('Authorization', as(BOB));
    expect(queue.body.totalCount).toBe(status === 200 ? 1 : 0);
    const res = await request(backend.server)
      .post(`/api/nodepools/requests/${created.body.id}/approve`)
      .set('Authorization', as(BOB))
      .send({ version: created.body.version });
    expect(res.status).toBe(status);
    expect((await backend.stores.requests.get(created.body.id))?.state).toBe(state);
    const page = await request(backend.server).get(`/api/nodepools/requests/${created.body.id}`).set('Authorization', as(BOB));
    expect(page.body.allowed).toEqual(status === 200 ? ['cancel'] : []);
  });

  it('refuses an approver outside the groups that approve the cluster', async () => {
    const backend = await startRequestBackend({
      databases,
      databaseId: 'SQLITE_3',
      notifications: quiet,
      config: { nodepools: { requests: { approvers: [{ cluster: 'payments-*', group: 'group:default/sre' }] } } },
    });
    const created = await request(backend.server).post('/api/nodepools/requests').set('Authorization', as(ALICE)).send({ spec: SPEC, submit: true });
    expect(created.body.approvers).toEqual(['group:default/sre']);
    const res = await request(backend.server).post(`/api/nodepools/requests/${created.body.id}/approve`).set('Authorization', as(BOB)).send({ version: 1 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not in a group that approves requests/);
  });

  it('lets only the requester edit a draft', async () => {
    const backend = await startRequestBackend({ databases, databaseId: 'SQLITE_3', notifications: quiet });
    const created = await request(backend.server).post('/api/nodepools/requests').set('Authorization', as(ALICE)).send({ spec: SPEC });
    const res = await request(backend.server).patch(`/api/nodepools/requests/${created.body.id}`).set('Authorization', as(BOB)).send({ spec: SPEC, version: 1 });
    expect(res.status).toBe(403);
  });

  it('refuses changes from backends: a request has a person behind it', async () => {
    const backend = await startRequestBackend({ databases, databaseId: 'SQLITE_3', notifications: quiet });
    const res = await request(backend.server).post('/api/nodepools/requests').set('Authorization', mockCredentials.service.header()).send({ spec: SPEC });
    expect(res.status).toBe(403);
    const list = await request(backend.server).get('/api/nodepools/requests').set('Authorization', mockCredentials.service.header());
    expect(list.status).toBe(200);
  });
});

describe('services that may be missing', () => {
  it('keeps the workflow going when notifications cannot be sent', async () => {
    const attempts: string[] = [];
    const failing = { send: async () => { attempts.push('send'); throw new Error('404 notifications backend not found'); } };
    const backend = await startRequestBackend({ databases, databaseId: 'SQLITE_3', notifications: failing });
    const created = await request(backend.server).post('/api/nodepools/requests').set('Authorization', as(ALICE)).send({ spec: SPEC, submit: true });
    expect(created.status).toBe(201);
    const approved = await request(backend.server).post(`/api/nodepools/requests/${created.body.id}/approve`).set('Authorization', as(BOB)).send({ version: 1 });
    expect(approved.status).toBe(200);
    expect(attempts).toEqual(['send', 'send']);
  });

  it('warns instead of refusing when the catalog cannot be asked about the owner', async () => {
    const backend = await startRequestBackend({ databases, databaseId: 'SQLITE_3', catalog: 'unavailable', notifications: quiet });
    const res = await request(backend.server).post('/api/nodepools/requests/validate').set('Authorization', as(ALICE)).send({ spec: SPEC });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.violations).toEqual([
      expect.objectContaining({ field: 'owner', rule: 'owner-exists', severity: 'warning', message: expect.stringMatching(/ECONNREFUSED/) }),
    ]);
  });

  it('refuses an owner the catalog does not have', async () => {
    const backend = await startRequestBackend({ databases, databaseId: 'SQLITE_3', catalog: [], notifications: quiet });
    const res = await request(backend.server).post('/api/nodepools/requests/validate').set('Authorization', as(ALICE)).send({ spec: SPEC });
    expect(res.body.valid).toBe(false);
    expect(res.body.violations).toEqual([expect.objectContaining({ field: 'owner', rule: 'owner-exists', severity: 'error' })]);
    expect(res.body.cost).toMatchObject({ known: true, min: { nodes: 2 }, max: { nodes: 2 } });
  });
});
