import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import { ALICE, startRequestBackend, type RequestBackend } from '../requests/__testUtils__/requestBackend';

jest.setTimeout(600_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const VALID = {
  kind: 'eks-managed-node-group',
  cluster: 'eks/111122223333/eu-west-1/payments-prod',
  name: 'batch',
  machineTypes: ['m6i.large'],
  nodeCount: 2,
  owner: 'group:default/payments',
  justification: 'batch',
};

/** Values of every JSON type, including ones built to break quoting and parsers. */
const hostile = fc.oneof(
  fc.constantFrom('', ' ', '-', '--all', '$(id)', '`id`', "'", '"', '\n', '${x}', 'a/b/c/d', '/'.repeat(600), '\u0000', '__proto__', 'constructor'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

const KEYS = [...Object.keys(VALID), 'autoscaling', 'capacityType', 'os', 'arch', 'labels', 'taints', 'zones', 'mode', 'maxPodsPerNode', 'diskSizeGb', 'resourceGroup', 'nodeClass', 'extra'];

/** A valid spec with some fields replaced, removed or added. */
const mutatedSpec = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), fc.option(hostile, { nil: undefined })), { minLength: 1, maxLength: 4 })
  .map(changes => {
    const spec: Record<string, unknown> = { ...VALID };
    for (const [key, value] of changes) {
      if (value === undefined) delete spec[key];
      else spec[key] = value;
    }
    return spec;
  });

const body = fc.oneof(
  { weight: 3, arbitrary: mutatedSpec.map(spec => ({ spec })) },
  { weight: 1, arbitrary: fc.record({ spec: mutatedSpec, submit: fc.oneof(fc.boolean(), hostile), comment: fc.option(hostile, { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

describe('request bodies from fast-check', () => {
  let backend: RequestBackend;
  beforeAll(async () => {
    backend = await startRequestBackend({ databases, databaseId: 'SQLITE_3', notifications: { send: async () => {} } });
  });

  it.each(['/api/nodepools/requests/validate', '/api/nodepools/requests'])('never break %s: no 500, and every 400 names a field', async path => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, async sent => {
        const res = await request(backend.server)
          .post(path)
          .set('Authorization', mockCredentials.user.header(ALICE))
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(sent));
        statuses.add(res.status);
        expect(res.status).toBeLessThan(500);
        // A 400 names a field, in its own property and in its message.
        const named = res.status !== 400 || (typeof res.body.field === 'string' && res.body.error.message.includes(`'${res.body.field}'`));
        expect({ status: res.status, body: res.body, named }).toMatchObject({ named: true });
      }),
      { numRuns: 1000 },
    );
    // The generator reaches both refusals and answers.
    expect(statuses.has(400)).toBe(true);
    expect([...statuses].some(s => s < 300)).toBe(true);
  });
});
