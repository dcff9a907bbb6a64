import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import {
  startReplayServer,
  type RecordedRequest,
  type ReplayServer,
} from './replayServer';

/** GETs with Node's own client, which reports premature ends and TLS failures plainly. */
function get(
  url: string,
  options: { ca?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https') ? https : http;
    const request = client.get(
      url,
      { ca: options.ca, headers: options.headers },
      (res: IncomingMessage) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
      },
    );
    request.on('error', reject);
  });
}

describe('startReplayServer', () => {
  let server: ReplayServer;

  afterEach(async () => {
    await server.close();
  });

  it('answers scripted responses in turn, repeats the last, and records requests', async () => {
    server = await startReplayServer();
    server.route(
      '/items',
      { status: 503, headers: { 'retry-after': '1' }, json: { message: 'busy' } },
      { json: { items: [1] } },
    );

    const first = await get(`${server.url}/items?page=1`, { headers: { 'x-test': 'a' } });
    const second = await get(`${server.url}/items`);
    const third = await get(`${server.url}/items`);

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect([first.status, first.headers['retry-after'], first.body]).toEqual([
      503,
      '1',
      '{"message":"busy"}',
    ]);
    expect([second.body, third.body]).toEqual(['{"items":[1]}', '{"items":[1]}']);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/items',
      query: { page: '1' },
      headers: expect.objectContaining({ 'x-test': 'a' }),
      unmatched: false,
    });
    expect(server.requestsTo('/items')).toHaveLength(3);
  });

  it('prefers the route with the most constraints', async () => {
    server = await startReplayServer();
    server.route('/items', { body: 'any' });
    server.route({ path: '/items', query: { page: '2' } }, { body: 'page 2' });
    server.route({ path: '/items', query: { page: undefined } }, { body: 'first page' });
    server.route(
      { path: '/items', query: { page: '2' }, match: (r: RecordedRequest) => r.headers['x-region'] === 'eu' },
      { body: 'page 2 in eu' },
    );

    const bodies = await Promise.all([
      get(`${server.url}/items`),
      get(`${server.url}/items?page=2`),
      get(`${server.url}/items?page=2`, { headers: { 'x-region': 'eu' } }),
      get(`${server.url}/items?page=3`),
    ]);

    expect(bodies.map(b => b.body)).toEqual(['first page', 'page 2', 'page 2 in eu', 'any']);
  });

  it('answers 404 for unscripted requests and marks them', async () => {
    server = await startReplayServer();

    const response = await get(`${server.url}/nothing`);

    expect(response.status).toBe(404);
    expect(server.requests[0].unmatched).toBe(true);
  });

  it('cuts a body short in a well-framed response', async () => {
    server = await startReplayServer();
    server.route('/cut', { json: { items: [1, 2, 3] }, truncateBodyAt: 5 });

    const response = await get(`${server.url}/cut`);

    expect(response.body).toBe('{"ite');
    expect(response.headers['content-length']).toBe('5');
  });

  it('drops the connection after part of the announced body', async () => {
    server = await startReplayServer();
    server.route('/reset', { json: { items: [1, 2, 3] }, resetAfterBytes: 5 });

    await expect(get(`${server.url}/reset`)).rejects.toThrow();
  });

  it('holds a hung response until closed', async () => {
    server = await startReplayServer();
    server.route('/hang', { hang: true });

    const response = get(`${server.url}/hang`);
    // Observed below, once the server is closed; until then it must not count as unhandled.
    response.catch(() => undefined);
    while (server.requests.length === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
    await server.close();

    await expect(response).rejects.toThrow('socket hang up');
  });

  it('serves HTTPS with a certificate a client can trust', async () => {
    server = await startReplayServer({ tls: true });
    server.route('/secure', { json: { ok: true } });

    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect(get(`${server.url}/secure`)).rejects.toThrow(/self[- ]signed/i);
    await expect(get(`${server.url}/secure`, { ca: server.ca })).resolves.toMatchObject({
      status: 200,
      body: '{"ok":true}',
    });
  });
});
