/**
 * @jest-environment node
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import type { RequestErrorResponse } from '@nodepools/plugin-nodepools-common';
import { NodePoolsClient } from './NodePoolsClient';

interface Seen {
  method?: string;
  url?: string;
  contentType?: string;
  body?: unknown;
}

describe('NodePoolsClient, pool requests', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let reply: (req: http.IncomingMessage) => { status: number; body: unknown } = () => ({ status: 200, body: {} });

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], ...(text ? { body: JSON.parse(text) } : {}) });
      const { status, body } = reply(req);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/nodepools`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
    reply = () => ({ status: 200, body: { ok: true } });
  });

  const client = () =>
    new NodePoolsClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });

  const spec = { kind: 'doks-node-pool' as const, cluster: 'doks/-/nyc1/edge', name: 'web', machineTypes: ['s-2vcpu-4gb'], nodeCount: 2, owner: 'group:default/web', justification: 'more web' };

  it('sends each request route with its method, path and JSON body', async () => {
    const c = client();
    await c.validateRequest({ spec, requestId: '00000000-0000-4000-8000-000000000001' });
    await c.createRequest({ spec, submit: true, comment: 'please' });
    await c.getRequest('a/b?c');
    await c.updateRequest('r1', { spec, version: 3 });
    await c.transitionRequest('r1', 'approve', { version: 4, comment: 'ok' });
    await c.renderRequest('r1');
    expect(seen).toEqual([
      { method: 'POST', url: '/api/nodepools/requests/validate', contentType: 'application/json', body: { spec, requestId: '00000000-0000-4000-8000-000000000001' } },
      { method: 'POST', url: '/api/nodepools/requests', contentType: 'application/json', body: { spec, submit: true, comment: 'please' } },
      { method: 'GET', url: '/api/nodepools/requests/a%2Fb%3Fc' },
      { method: 'PATCH', url: '/api/nodepools/requests/r1', contentType: 'application/json', body: { spec, version: 3 } },
      { method: 'POST', url: '/api/nodepools/requests/r1/approve', contentType: 'application/json', body: { version: 4, comment: 'ok' } },
      { method: 'GET', url: '/api/nodepools/requests/r1/render' },
    ]);
  });

  it('lists with the view, filters and page it is given, leaving out empty ones', async () => {
    reply = () => ({ status: 200, body: { items: [], totalCount: 0 } });
    const page = await client().listRequests({ view: 'to-approve', state: 'submitted,approved', cluster: '', limit: 500, offset: 500 });
    expect(page).toEqual({ items: [], totalCount: 0 });
    const url = new URL(seen[0].url!, 'http://127.0.0.1');
    expect(url.pathname).toBe('/api/nodepools/requests');
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: 'to-approve', state: 'submitted,approved', limit: '500', offset: '500' });
  });

  it('rejects with the backend’s answer: the field of a 400, the version of a 409, the violations of a 422', async () => {
    const answers: Record<string, RequestErrorResponse> = {
      validate: { error: { name: 'InputError', message: "Invalid field 'spec.name': must not be empty" }, response: { statusCode: 400 }, field: 'spec.name' },
      approve: { error: { name: 'ConflictError', message: 'changed meanwhile' }, response: { statusCode: 409 }, currentVersion: 5 },
      submit: {
        error: { name: 'PolicyViolationError', message: 'breaks 1 policy' },
        response: { statusCode: 422 },
        violations: [{ field: 'taints', rule: 'spot-tainted', severity: 'error', message: 'needs a taint' }],
      },
    };
    reply = req => {
      const body = answers[req.url!.split('/').pop()!];
      return { status: body.response.statusCode, body };
    };
    const c = client();
    const failures = await Promise.all([
      c.validateRequest({ spec }).catch(e => e),
      c.transitionRequest('r1', 'approve', { version: 4 }).catch(e => e),
      c.transitionRequest('r1', 'submit', { version: 1 }).catch(e => e),
    ]);
    for (const failure of failures) expect(failure).toBeInstanceOf(ResponseError);
    expect(failures.map((f: ResponseError) => f.statusCode)).toEqual([400, 409, 422]);
    expect((failures[0] as ResponseError).body).toMatchObject({ field: 'spec.name' });
    expect((failures[1] as ResponseError).body).toMatchObject({ currentVersion: 5 });
    expect((failures[2] as ResponseError).body).toMatchObject({ violations: [{ rule: 'spot-tainted' }] });
  });
});
