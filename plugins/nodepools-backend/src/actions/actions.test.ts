import {
  createBackendPlugin,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  actionsServiceRef,
  type ActionsService,
} from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { createNodepoolConditionalDecision, nodepoolConditions } from '../permissions';
import type { TestPolicy } from '../permissions/__testUtils__/policyPermissions';
import {
  PAYMENTS_PROD,
  SHOP_PROD,
  startPaymentsBackend,
} from '../permissions/__testUtils__/paymentsBackend';

jest.setTimeout(120_000);

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };
const PAYMENTS = 'group:default/team-payments';
const user: BackstageCredentials = mockCredentials.user();

/**
 * The actions as Backstage's MCP server and AI tools reach them: through
 * the actions service of another plugin, over HTTP, on the user's behalf.
 */
async function startWithActions(policy: TestPolicy) {
  let actions: ActionsService | undefined;
  const probe = createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: { actionsService: actionsServiceRef },
        async init({ actionsService }) {
          actions = actionsService;
        },
      });
    },
  });
  await startPaymentsBackend(policy, {
    features: [probe],
    config: { backend: { actions: { pluginSources: ['nodepools'] } } },
  });
  return {
    list: () => actions!.list({ credentials: user }),
    invoke: async (name: string, input: JsonObject) =>
      (await actions!.invoke({ id: `nodepools:${name}`, input, credentials: user })).output as any,
  };
}

async function failure(promise: Promise<unknown>): Promise<ResponseError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ResponseError) return error;
    throw error;
  }
  throw new Error('expected the action to fail');
}

function paymentsTeam(permission: Permission): PolicyDecision {
  if (permission.name === 'nodepool.read') {
    return createNodepoolConditionalDecision(
      permission as Parameters<typeof createNodepoolConditionalDecision>[0],
      nodepoolConditions.isOwner({ claims: [PAYMENTS] }),
    );
  }
  return ALLOW;
}

describe('nodepools actions', () => {
  it('are listed as read-only, with their input schemas', async () => {
    const { list } = await startWithActions(() => ALLOW);
    const { actions } = await list();
    expect(actions.map(a => a.id).sort()).toEqual([
      'nodepools:explain-pending-pods',
      'nodepools:get-pool',
      'nodepools:list-pools',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({ readOnly: true, destructive: false, idempotent: true });
    }
    const listPools = actions.find(a => a.name === 'list-pools')!;
    expect(listPools.schema.input).toMatchObject({
      type: 'object',
      properties: {
        provider: { type: 'array', items: { type: 'string', enum: expect.arrayContaining(['eks', 'gke']) } },
        limit: { type: 'integer', minimum: 1, maximum: 100 },
      },
    });
  });

  it('list pools with filters and pages', async () => {
    const { invoke } = await startWithActions(() => ALLOW);
    const first = await invoke('list-pools', { provider: ['eks'], sort: 'name', limit: 4 });
    expect(first.totalCount).toBe(11);
    expect(first.items).toHaveLength(4);
    expect(first.items[0]).toMatchObject({
      provider: 'eks',
      cluster: 'payments-prod',
      region: 'us-east-1',
      ref: expect.stringMatching(/^eks\/111122223333\/us-east-1\/payments-prod\//),
    });
    expect(first.items[0]).not.toHaveProperty('raw');
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await invoke('list-pools', { provider: ['eks'], sort: 'name', limit: 4, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(new Set(seen.map(p => p.ref)).size).toBe(11);
    expect(seen.map(p => p.name)).toEqual([...seen.map(p => p.name)].sort());

    const bad = await failure(invoke('list-pools', { provider: ['azure'] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    const badCursor = await failure(invoke('list-pools', { cursor: 'nope' }));
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body.error.message).toContain("Invalid input 'cursor'");
  });

  it('get a pool with its history and the pending pods that would fit on it', async () => {
    const { invoke } = await startWithActions(() => ALLOW);
    const pools = await invoke('list-pools', { cluster: ['payments-prod'], provider: ['eks'], limit: 100 });
    const results = await Promise.all(
      pools.items.map((p: { ref: string }) => invoke('get-pool', { ref: p.ref, historyLimit: 5 })),
    );
    for (const result of results) {
      expect(result.history[0]).toMatchObject({ event: 'created', source: 'files' });
      expect(result.pool).toHaveProperty('labels');
      expect(result.pool).not.toHaveProperty('raw');
    }
    // The sample cluster has pending pods; some of its pools would take them after a scale-up.
    const fitting = results.filter(r => r.analyses.pendingPods?.fitAfterScaleUp > 0);
    expect(fitting.length).toBeGreaterThan(0);

    const missing = await failure(invoke('get-pool', { ref: 'eks/1/r/c/nope' }));
    expect(missing.statusCode).toBe(404);
  });

  it('get a pool with its drift against the sample Terraform state', async () => {
    const { invoke } = await startWithActions(() => ALLOW);
    const ref = `${PAYMENTS_PROD}/api`;
    // The comparison follows the first syncs of the pools and of the state.
    let drift: Array<Record<string, unknown>> | undefined;
    const declared = (found?: Array<Record<string, unknown>>) => found?.find(f => f.field === 'autoscaling');
    for (let tries = 0; tries < 200 && !declared(drift); tries += 1) {
      drift = (await invoke('get-pool', { ref })).analyses.drift;
      if (!declared(drift)) await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(declared(drift)).toMatchObject({ cause: 'changed', state: 'open', desired: { min: 4, max: 16 }, actual: { min: 4, max: 20 } });
    // Every finding says what it is and since when.
    expect(drift!.every(f => typeof f.message === 'string' && typeof f.firstSeenAt === 'string')).toBe(true);
  });

  it('explain pending pods per group, covering every pending pod', async () => {
    const { invoke } = await startWithActions(() => ALLOW);
    const explained = await invoke('explain-pending-pods', { cluster: 'payments-prod', maxGroups: 50 });
    expect(explained.clusterRef).toBe(PAYMENTS_PROD);
    expect(explained.pendingPods).toBeGreaterThan(0);
    expect(explained.omittedGroups).toBe(0);
    const counted = explained.groups.reduce((sum: number, g: { pods: number }) => sum + g.pods, 0);
    expect(counted).toBe(explained.pendingPods);
    const kinds = explained.groups.map((g: { fix: { kind: string } }) => g.fix.kind);
    expect(kinds).toEqual(expect.arrayContaining(['add-toleration', 'raise-max']));
    const tainted = explained.groups.find((g: { fix: { kind: string } }) => g.fix.kind === 'add-toleration');
    expect(tainted.blockers.map((b: { code: string }) => b.code)).toContain('taint');
    expect(tainted.fix.text).toMatch(/toleration/i);

    const fewer = await invoke('explain-pending-pods', { cluster: PAYMENTS_PROD, maxGroups: 1 });
    expect(fewer.groups).toHaveLength(1);
    expect(fewer.omittedGroups).toBe(explained.groups.length - 1);
    // Largest group first.
    expect(fewer.groups[0].pods).toBe(Math.max(...explained.groups.map((g: { pods: number }) => g.pods)));

    const unknown = await failure(invoke('explain-pending-pods', { cluster: 'nowhere' }));
    expect(unknown.statusCode).toBe(404);
    const malformed = await failure(invoke('explain-pending-pods', { cluster: 'eks/1/prod' }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body.error.message).toContain("Invalid input 'cluster'");
  });

  it('check the caller’s permissions as the routes do', async () => {
    const { invoke } = await startWithActions(paymentsTeam);
    const mine = await invoke('list-pools', { limit: 100 });
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.items.every((p: { owner?: string }) => p.owner === PAYMENTS)).toBe(true);

    const { invoke: invokeAsAdmin } = await startWithActions(() => ALLOW);
    const all = await invokeAsAdmin('list-pools', { limit: 100 });
    const theirs = all.items.find((p: { owner?: string }) => p.owner !== PAYMENTS);
    const denied = await failure(invoke('get-pool', { ref: theirs.ref }));
    expect(denied.statusCode).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');

    const shop = await failure(invoke('explain-pending-pods', { cluster: SHOP_PROD }));
    expect(shop.statusCode).toBe(403);

    const { invoke: invokeDenied } = await startWithActions(() => DENY);
    for (const [name, input] of [
      ['list-pools', {}],
      ['get-pool', { ref: theirs.ref }],
      ['explain-pending-pods', { cluster: 'payments-prod' }],
    ] as const) {
      const error = await failure(invokeDenied(name, input));
      expect({ name, status: error.statusCode }).toEqual({ name, status: 403 });
    }
  });
});
