import { startReplayServer, type ReplayServer } from '../testing';
import {
  SourceAuthError,
  SourceHttpError,
  SourceNetworkError,
  SourceResponseError,
} from './errors';
import { fetchJson } from './fetchJson';

const TOKEN = 'ya29.test-access-token-value';

describe('fetchJson', () => {
  let server: ReplayServer;

  beforeEach(async () => {
    server = await startReplayServer();
  });

  afterEach(async () => {
    await server.close();
  });

  const get = (path: string) =>
    fetchJson({
      url: `${server.url}${path}`,
      operation: `GET ${path}`,
      headers: { authorization: `Bearer ${TOKEN}` },
      secrets: [TOKEN],
    });

  it('returns the parsed body and sends the headers it is given', async () => {
    server.route('/v1/things', { json: { things: [1, 2] }, headers: { etag: 'abc' } });

    const response = await get('/v1/things');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ things: [1, 2] });
    expect(response.headers.get('etag')).toBe('abc');
    expect(server.requests[0].headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json',
    });
  });

  it('reads Google-style errors and the wait a 429 asks for', async () => {
    server.route('/v1/things', {
      status: 429,
      headers: { 'retry-after': '2' },
      json: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
    });

    const error = await get('/v1/things').catch(e => e);

    expect(error).toBeInstanceOf(SourceHttpError);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 2000 });
    expect(error.message).toBe('GET /v1/things: HTTP 429 RESOURCE_EXHAUSTED: Quota exceeded');
  });

  it('reads DigitalOcean-style errors and marks a 404 final', async () => {
    server.route('/v2/x', { status: 404, json: { id: 'not_found', message: 'gone' } });

    const error = await get('/v2/x').catch(e => e);

    expect(error).toMatchObject({ status: 404, retryable: false, code: 'not_found' });
    expect(error.message).toBe('GET /v2/x: HTTP 404 not_found: gone');
  });

  it('reports refused credentials as an auth error, with any echoed token removed', async () => {
    server.route('/v1/things', {
      status: 401,
      json: { error: { message: `Invalid Credentials: Bearer ${TOKEN}`, status: 'UNAUTHENTICATED' } },
    });

    const error = await get('/v1/things').catch(e => e);

    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'GET /v1/things: authentication failed (HTTP 401): UNAUTHENTICATED: Invalid Credentials: Bearer [redacted]',
    );
  });

  it('reports a body cut short in a complete response as invalid', async () => {
    server.route('/v1/things', { json: { things: [1, 2, 3] }, truncateBodyAt: 10 });

    const error = await get('/v1/things').catch(e => e);

    expect(error).toBeInstanceOf(SourceResponseError);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^GET \/v1\/things: invalid response: body of 10 bytes is not valid JSON/);
  });

  it('reports a connection dropped mid-body as a retryable network error', async () => {
    server.route('/v1/things', { json: { things: [1, 2, 3] }, resetAfterBytes: 10 });

    const error = await get('/v1/things').catch(e => e);

    expect(error).toBeInstanceOf(SourceNetworkError);
    expect(error.retryable).toBe(true);
  });

  it('does not follow redirects, so the token stays with the host it was meant for', async () => {
    server.route('/v1/things', {
      status: 302,
      headers: { location: 'http://127.0.0.1:9/elsewhere' },
      body: '',
    });

    const error = await get('/v1/things').catch(e => e);

    expect(error).toMatchObject({ status: 302, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused connection as a network error', async () => {
    const url = server.url;
    await server.close();
    server = await startReplayServer();

    const error = await fetchJson({ url: `${url}/x`, operation: 'GET /x' }).catch(e => e);

    expect(error).toBeInstanceOf(SourceNetworkError);
    expect(error.message).toMatch(/^GET \/x: network error: /);
  });
});
