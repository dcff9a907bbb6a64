import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { PoolRequestDetail, PoolRequestSpecInput } from '@nodepools/plugin-nodepools-common';
import request from 'supertest';
import { ALICE, BOB, CAROL, PLATFORM, startRequestBackend, type RequestBackend } from '../requests/__testUtils__/requestBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });

const SPEC: PoolRequestSpecInput = {
  kind: 'eks-managed-node-group',
  cluster: 'eks/111122223333/eu-west-1/payments-prod',
  name: 'batch',
  machineTypes: ['m6i.large'],
  autoscaling: { min: 1, max: 4 },
  labels: { workload: 'batch' },
  taints: [{ key: 'batch', value: 'true', effect: 'NoSchedule' }],
  owner: 'payments',
  justification: 'nightly batch jobs',
};

const as = (user: string) => mockCredentials.user.header(user);

function notificationsRecorder() {
  const sent: NotificationSendOptions[] = [];
  return { sent, service: { send: async (n: NotificationSendOptions) => void sent.push(n) } };
}

async function create(backend: RequestBackend, body: Record<string, unknown> = { spec: SPEC }, user = ALICE) {
  return request(backend.server).post('/api/nodepools/requests').set('Authorization', as(user)).send(body);
}

function act(backend: RequestBackend, id: string, action: string, user: string, version: number, comment?: string) {
  return request(backend.server)
    .post(`/api/nodepools/requests/${id}/${action}`)
    .set('Authorization', as(user))
    .send({ version, ...(comment ? { comment } : {}) });
}

describe.each(databases.eachSupportedId())('the request workflow on %p', databaseId => {
  it('takes a request from draft through edit and submit to approval, with its audit trail', async () => {
    const notifications = notificationsRecorder();
    const backend = await startRequestBackend({ databases, databaseId, notifications: notifications.service });

    const draft = await create(backend);
    expect(draft.status).toBe(201);
    const created: PoolRequestDetail = draft.body;
    expect(created).toMatchObject({ state: 'draft', version: 1, requester: ALICE, spec: { owner: 'group:default/payments', capacityType: 'on-demand' } });
    expect(created.allowed).toEqual(['edit', 'submit', 'cancel']);
    expect(created.approvers).toEqual([PLATFORM]);

    const edited = await request(backend.server)
      .patch(`/api/nodepools/requests/${created.id}`)
      .set('Authorization', as(ALICE))
      .send({ spec: { ...SPEC, autoscaling: { min: 1, max: 6 } }, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, spec: { autoscaling: { max: 6 } } });

    const submitted = await act(backend, created.id, 'submit', ALICE, 2, 'please');
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    expect(notifications.sent.map(n => n.recipients)).toEqual([{ type: 'entity', entityRef: [PLATFORM] }]);

    const own = await act(backend, created.id, 'approve', ALICE, 3);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/own request/);

    const stale = await act(backend, created.id, 'approve', BOB, 2);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(3);

    const queue = await request(backend.server).get('/api/nodepools/requests?view=to-approve').set('Authorization', as(CAROL));
    expect(queue.body.items.map((r: { id: string }) => r.id)).toEqual([created.id]);
    const aliceQueue = await request(backend.server).get('/api/nodepools/requests?view=to-approve').set('Authorization', as(ALICE));
    expect(aliceQueue.body.totalCount).toBe(0);

    const beforeApproval = await request(backend.server).get(`/api/nodepools/requests/${created.id}/render`).set('Authorization', as(BOB));
    expect(beforeApproval.status).toBe(409);

    const approved = await act(backend, created.id, 'approve', BOB, 3, 'ok for Q4');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', approver: BOB, version: 4 });
    expect(approved.body.rendered.terraform.text).toMatch(/resource "aws_eks_node_group" "batch"/);
    expect(approved.body.rendered.cli.commands[0].slice(0, 3)).toEqual(['aws', 'eks', 'create-nodegroup']);
    expect(notifications.sent[1].recipients).toEqual({ type: 'entity', entityRef: [ALICE] });

    const page = await request(backend.server).get(`/api/nodepools/requests/${created.id}`).set('Authorization', as(ALICE));
    const detail: PoolRequestDetail = page.body;
    expect(detail.audit.map(a => [a.action, a.actor, a.from ?? null, a.to, a.comment ?? null])).toEqual([
      ['create', ALICE, null, 'draft', null],
      ['edit', ALICE, 'draft', 'draft', null],
      ['submit', ALICE, 'draft', 'submitted', 'please'],
      ['approve', BOB, 'submitted', 'approved', 'ok for Q4'],
    ]);
    expect(detail.audit[0].spec.autoscaling).toEqual({ min: 1, max: 4 });
    expect(detail.audit[3].spec.autoscaling).toEqual({ min: 1, max: 6 });
    expect(detail.allowed).toEqual(['cancel']);
    expect(backend.audited.map(e => [e.actionType, e.actor, e.to])).toEqual([
      ['create', ALICE, 'draft'],
      ['edit', ALICE, 'draft'],
      ['submit', ALICE, 'submitted'],
      ['approve', BOB, 'approved'],
    ]);

    const rendered = await request(backend.server).get(`/api/nodepools/requests/${created.id}/render`).set('Authorization', as(ALICE));
    expect(rendered.body).toEqual(detail.rendered);
  });

  it('gives one of two racing approvers the approval and the other a 409', async () => {
    const backend = await startRequestBackend({ databases, databaseId, notifications: notificationsRecorder().service });
    const submitted = await create(backend, { spec: SPEC, submit: true });
    expect(submitted.status).toBe(201);
    const { id, version } = submitted.body;

    const answers = await Promise.all([act(backend, id, 'approve', BOB, version), act(backend, id, 'reject', CAROL, version)]);

    expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find(a => a.status === 200)!;
    const stored = await backend.stores.requests.get(id);
    expect(stored).toMatchObject({ state: winner.body.state, version: version + 1 });
    const trail = await backend.stores.requests.getAudit(id);
    expect(trail.map(a => a.action)).toEqual(['create', winner.body.state === 'approved' ? 'approve' : 'reject']);
  });

  it('refuses a submission that breaks a policy with 422 and the violations, and stores nothing', async () => {
    const backend = await startRequestBackend({ databases, databaseId, notifications: notificationsRecorder().service });
    const res = await create(backend, { spec: { ...SPEC, name: 'general', capacityType: 'spot', taints: [] }, submit: true });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(['name-unique', 'spot-tainted']);
    expect((await backend.stores.requests.list({ limit: 10, offset: 0 })).totalCount).toBe(0);
  });

  it('lists by view, filters and pages', async () => {
    const backend = await startRequestBackend({ databases, databaseId, notifications: notificationsRecorder().service });
    for (const name of ['a1', 'a2', 'a3']) expect((await create(backend, { spec: { ...SPEC, name }, submit: name !== 'a3' })).status).toBe(201);
    expect((await create(backend, { spec: { ...SPEC, name: 'b1' } }, BOB)).status).toBe(201);

    const mine = await request(backend.server).get('/api/nodepools/requests?view=mine&limit=2').set('Authorization', as(ALICE));
    expect(mine.body).toMatchObject({ totalCount: 3, nextOffset: 2 });
    expect(mine.body.items).toHaveLength(2);
    const drafts = await request(backend.server).get('/api/nodepools/requests?state=draft&owner=payments').set('Authorization', as(ALICE));
    expect(drafts.body.items.map((r: { spec: { name: string } }) => r.spec.name).sort()).toEqual(['a3', 'b1']);
    const bad = await request(backend.server).get('/api/nodepools/requests?state=nope').set('Authorization', as(ALICE));
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('query.state.0');
  });
});
