/**
 * @jest-environment node
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import { NodePoolsClient } from './NodePoolsClient';

interface SeenRequest {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body?: string;
}

interface Reply {
  status: number;
  body?: unknown;
  contentType?: string;
}

const TOKEN = 'Bearer user-token';

describe('NodePoolsClient', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: SeenRequest[] = [];
  let reply: (req: http.IncomingMessage) => Reply;

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const requestBody = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(requestBody ? { body: requestBody } : {}),
      });
      const { status, body, contentType } =
        req.headers.authorization === TOKEN
          ? reply(req)
          : {
              status: 401,
              body: {
                error: { name: 'AuthenticationError', message: 'Missing credentials' },
                request: { method: req.method, url: req.url },
                response: { statusCode: 401 },
              },
            };
      res.writeHead(status, {
        'content-type': contentType ?? 'application/json; charset=utf-8',
      });
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.end(body === undefined ? '' : text);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/nodepools`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
    reply = () => ({ status: 200, body: { items: [] } });
  });

  function client(token = TOKEN) {
    return new NodePoolsClient({
      discoveryApi: {
        getBaseUrl: async (pluginId: string) =>
          baseUrl.replace('nodepools', pluginId),
      },
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            headers: { ...(init?.headers as object), authorization: token },
          }),
      },
    });
  }

  it('sends every filter of a pool query, repeating multi-valued ones', async () => {
    reply = () => ({
      status: 200,
      body: { items: [], totalCount: 0, nextCursor: 'next-1' },
    });
    const page = await client().listPools({
      provider: ['eks', 'gke'],
      cluster: ['prod-use1'],
      region: ['us-east-1'],
      owner: ['group:default/payments'],
      mode: ['system'],
      capacityType: ['spot'],
      q: 'gpu nodes',
      sort: 'nodeCount',
      order: 'desc',
      limit: 50,
      cursor: 'c/1+',
      includeTombstoned: true,
    });
    expect(page).toEqual({ items: [], totalCount: 0, nextCursor: 'next-1' });
    expect(seen).toHaveLength(1);
    const url = new URL(seen[0].url!, 'http://127.0.0.1');
    expect(url.pathname).toBe('/api/nodepools/pools');
    expect(url.searchParams.getAll('provider')).toEqual(['eks', 'gke']);
    expect(url.searchParams.get('cluster')).toBe('prod-use1');
    expect(url.searchParams.get('region')).toBe('us-east-1');
    expect(url.searchParams.get('owner')).toBe('group:default/payments');
    expect(url.searchParams.get('mode')).toBe('system');
    expect(url.searchParams.get('capacityType')).toBe('spot');
    expect(url.searchParams.get('q')).toBe('gpu nodes');
    expect(url.searchParams.get('sort')).toBe('nodeCount');
    expect(url.searchParams.get('order')).toBe('desc');
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.get('cursor')).toBe('c/1+');
    expect(url.searchParams.get('includeTombstoned')).toBe('true');
  });

  it('sends no query string for an empty query', async () => {
    reply = () => ({ status: 200, body: { items: [], totalCount: 0 } });
    await client().listPools();
    expect(seen[0]).toEqual({
      method: 'GET',
      url: '/api/nodepools/pools',
      authorization: TOKEN,
    });
  });

  it('encodes the ref of a pool as one path segment', async () => {
    const ref = 'eks/123456789012/us-east-1/prod-use1/ng-general';
    reply = req =>
      req.url === '/api/nodepools/pools/eks%2F123456789012%2Fus-east-1%2Fprod-use1%2Fng-general'
        ? { status: 200, body: { ref, raw: { nodegroup: {} } } }
        : { status: 500, body: 'wrong path', contentType: 'text/plain' };
    await expect(client().getPool(ref)).resolves.toEqual({
      ref,
      raw: { nodegroup: {} },
    });
  });

  it('unwraps the item lists of history, clusters and sources', async () => {
    const bodies: Record<string, unknown[]> = {
      '/api/nodepools/pools/aks%2Fsub%2Fwesteurope%2Fweu%2Fsystem/history': [
        { id: 2, event: 'updated' },
      ],
      '/api/nodepools/clusters': [{ cluster: 'weu', poolCount: 2 }],
      '/api/nodepools/sources': [{ id: 'files', status: 'ok' }],
    };
    reply = req => ({ status: 200, body: { items: bodies[req.url!] } });
    const api = client();
    await expect(
      api.getPoolHistory('aks/sub/westeurope/weu/system'),
    ).resolves.toEqual([{ id: 2, event: 'updated' }]);
    await expect(api.listClusters()).resolves.toEqual([
      { cluster: 'weu', poolCount: 2 },
    ]);
    await expect(api.listSources()).resolves.toEqual([
      { id: 'files', status: 'ok' },
    ]);
  });

  it('reads the facets', async () => {
    const facets = {
      provider: ['aks', 'eks'],
      cluster: ['weu'],
      region: ['westeurope'],
      owner: [],
      mode: ['system', 'user'],
      capacityType: ['on-demand'],
    };
    reply = req =>
      req.url === '/api/nodepools/pools/facets'
        ? { status: 200, body: facets }
        : { status: 404, body: {} };
    await expect(client().getFacets()).resolves.toEqual(facets);
  });

  it('posts a manual sync and accepts 202', async () => {
    reply = () => ({ status: 202, body: { accepted: true } });
    await expect(client().syncSource('aws:prod/eu')).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/nodepools/sources/aws%3Aprod%2Feu/sync',
    });
  });

  it('sends drift filters, a pool\'s drift with its states, and an acknowledgement as JSON', async () => {
    reply = () => ({ status: 200, body: { items: [], totalCount: 0 } });
    await client().listDrift({ cluster: ['eks/1/us-east-1/prod'], severity: ['high', 'medium'], state: ['open'], cause: ['changed'], limit: 20, cursor: 'c1' });
    await client().getPoolDrift('eks/1/us-east-1/prod/api', ['resolved']);
    reply = () => ({ status: 200, body: { id: 'drift-1', state: 'acknowledged' } });
    await expect(client().acknowledgeDrift('drift-1', { reason: 'moving to Karpenter', until: '2027-01-31' })).resolves.toEqual({ id: 'drift-1', state: 'acknowledged' });
    expect(seen.map(r => [r.method, r.url])).toEqual([
      ['GET', '/api/nodepools/drift?cluster=eks%2F1%2Fus-east-1%2Fprod&severity=high&severity=medium&state=open&cause=changed&cursor=c1&limit=20'],
      ['GET', '/api/nodepools/pools/eks%2F1%2Fus-east-1%2Fprod%2Fapi/drift?state=resolved'],
      ['POST', '/api/nodepools/drift/drift-1/acknowledge'],
    ]);
    expect(seen[2]).toMatchObject({ contentType: 'application/json', body: '{"reason":"moving to Karpenter","until":"2027-01-31"}' });
  });

  it('unwraps the drift counts per pool and the desired-state scopes', async () => {
    reply = req => ({
      status: 200,
      body: { items: [{ url: req.url }] },
    });
    await expect(client().listPoolDriftCounts()).resolves.toEqual([{ url: '/api/nodepools/drift/pools' }]);
    await expect(client().listDesiredScopes()).resolves.toEqual([{ url: '/api/nodepools/drift/sources' }]);
    reply = req => ({ status: 200, body: { url: req.url } });
    await expect(client().getDriftSummary(14)).resolves.toEqual({ url: '/api/nodepools/drift/summary?days=14' });
  });

  it('maps a Backstage error body to a ResponseError', async () => {
    reply = req => ({
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'No pool gke/p/europe-west1/c/x' },
        request: { method: 'GET', url: req.url },
        response: { statusCode: 404 },
      },
    });
    const error = await client()
      .getPool('gke/p/europe-west1/c/x')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe('No pool gke/p/europe-west1/c/x');
  });

  it('names the bad parameter of a 400', async () => {
    reply = () => ({
      status: 400,
      body: {
        error: { name: 'InputError', message: "Invalid query parameter 'sort'" },
        response: { statusCode: 400 },
      },
    });
    const error = await client()
      .listPools({ q: 'x' })
      .catch(e => e);
    expect(error.statusCode).toBe(400);
    expect(error.cause.name).toBe('InputError');
    expect(error.cause.message).toBe("Invalid query parameter 'sort'");
  });

  it('still reports a failure whose body is not JSON', async () => {
    reply = () => ({
      status: 502,
      body: '<html>Bad Gateway</html>',
      contentType: 'text/html',
    });
    const error = await client()
      .listSources()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });

  it('sends its requests through the fetch API, which carries the credentials', async () => {
    const error = await client('Bearer someone-else')
      .listClusters()
      .catch(e => e);
    expect(error.statusCode).toBe(401);
    expect(error.cause.name).toBe('AuthenticationError');
  });

  it('rejects a pool listing whose signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      client().listPools({}, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(0);
  });

  describe('pending-pod triage', () => {
    const summary = {
      cluster: 'prod-use1',
      pool: 'ng-general',
      provider: 'eks',
      ref: 'eks/111122223333/us-east-1/prod-use1/ng-general',
      nodes: 3,
      pendingFitNow: 1,
      pendingFitAfterScaleUp: 4,
    };

    it('unwraps the cluster list and the per-pool counts', async () => {
      const bodies: Record<string, unknown[]> = {
        '/api/nodepools/triage/clusters': [
          { cluster: 'prod-use1', source: 'kubernetes', pendingPods: 6 },
        ],
        '/api/nodepools/triage/pools': [summary],
      };
      reply = req =>
        req.url! in bodies
          ? { status: 200, body: { items: bodies[req.url!] } }
          : { status: 404, body: {} };
      const api = client();
      await expect(api.listTriageClusters()).resolves.toEqual([
        { cluster: 'prod-use1', source: 'kubernetes', pendingPods: 6 },
      ]);
      await expect(api.listTriagePools()).resolves.toEqual([summary]);
      expect(seen.map(r => r.method)).toEqual(['GET', 'GET']);
    });

    it('names the cluster of a triage in the query string, encoded', async () => {
      const triage = {
        cluster: 'team a/prod',
        collectedAt: '2026-11-10T11:55:00.000Z',
        source: 'kubernetes',
        report: { cluster: 'team a/prod', pods: [], signatures: [], pools: [], skipped: [], notes: [] },
      };
      reply = () => ({ status: 200, body: triage });
      await expect(client().getClusterTriage('team a/prod')).resolves.toEqual(triage);
      const url = new URL(seen[0].url!, 'http://127.0.0.1');
      expect(url.pathname).toBe('/api/nodepools/triage');
      expect(url.search).toBe('?cluster=team+a%2Fprod');
      expect(url.searchParams.get('cluster')).toBe('team a/prod');
    });

    it('rejects with a 404 for a cluster without a triage', async () => {
      reply = () => ({
        status: 404,
        body: {
          error: { name: 'NotFoundError', message: "No triage for cluster 'nope'" },
          response: { statusCode: 404 },
        },
      });
      const error = await client()
        .getClusterTriage('nope')
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(404);
      expect(error.cause.message).toBe("No triage for cluster 'nope'");
    });

    it('posts kubectl JSON to analyze as a JSON body and returns the report', async () => {
      const report = { cluster: 'lab', pods: [], signatures: [], pools: [], skipped: [], notes: [] };
      reply = req =>
        req.method === 'POST' && req.url === '/api/nodepools/triage/analyze'
          ? { status: 200, body: report }
          : { status: 404, body: {} };
      const request = {
        cluster: 'lab',
        pods: { apiVersion: 'v1', kind: 'List', items: [{ metadata: { name: 'web-0' } }] },
        nodes: { apiVersion: 'v1', kind: 'List', items: [] },
        events: { apiVersion: 'v1', kind: 'List', items: [] },
      };
      await expect(client().analyzeTriage(request)).resolves.toEqual(report);
      expect(seen[0].contentType).toBe('application/json');
      expect(JSON.parse(seen[0].body!)).toEqual(request);
    });

    it('rejects an analysis with the field the server names', async () => {
      reply = () => ({
        status: 400,
        body: {
          error: {
            name: 'InputError',
            message:
              "Invalid field 'nodes' in the request body: Required (the JSON of kubectl get nodes -o json)",
          },
          response: { statusCode: 400 },
        },
      });
      const error = await client()
        .analyzeTriage({ pods: { items: [] }, nodes: undefined })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(error.cause.message).toMatch(/^Invalid field 'nodes'/);
      // An undefined field is left out of the body rather than sent as null.
      expect(JSON.parse(seen[0].body!)).toEqual({ pods: { items: [] } });
    });

    it('sends no analysis whose signal is aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(
        client().analyzeTriage({ pods: {}, nodes: {} }, { signal: controller.signal }),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(seen).toHaveLength(0);
    });
  });
});
