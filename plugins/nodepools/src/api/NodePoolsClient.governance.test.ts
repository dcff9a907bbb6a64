/**
 * @jest-environment node
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import { NodePoolsClient } from './NodePoolsClient';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body?: unknown;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const TOKEN = 'Bearer user-token';

/** A Backstage error body, as the backend's error handler writes it. */
function errorBody(statusCode: number, name: string, message: string) {
  return { error: { name, message }, response: { statusCode } };
}

describe('NodePoolsClient, governance', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let reply: (req: http.IncomingMessage) => Reply;

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        ...(text ? { body: JSON.parse(text) } : {}),
      });
      const { status, body, headers } =
        req.headers.authorization === TOKEN
          ? reply(req)
          : { status: 401, body: errorBody(401, 'AuthenticationError', 'Missing credentials'), headers: undefined };
      res.writeHead(status, headers ?? { 'content-type': 'application/json; charset=utf-8' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/nodepools`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
    reply = () => ({ status: 200, body: { items: [] } });
  });

  const client = (token = TOKEN) =>
    new NodePoolsClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: {
        fetch: (input, init) =>
          fetch(input, { ...init, headers: { ...(init?.headers as object), authorization: token } }),
      },
    });

  const urlOf = (s: Seen) => new URL(s.url!, 'http://127.0.0.1');

  it('sends every finding filter, repeating multi-valued ones as the pool listing does', async () => {
    reply = () => ({ status: 200, body: { items: [], totalCount: 0, nextCursor: 'c2' } });
    const page = await client().listFindings({
      rule: ['no-owner', 'spot-without-taint'],
      severity: ['high'],
      owner: ['group:default/team-a', 'group:default/team-b'],
      cluster: ['eks/111122223333/us-east-1/payments-prod'],
      pool: ['eks/111122223333/us-east-1/payments-prod/api'],
      state: 'acknowledged',
      cursor: 'c/1+',
      limit: 50,
    });
    expect(page).toEqual({ items: [], totalCount: 0, nextCursor: 'c2' });
    const url = urlOf(seen[0]);
    expect(url.pathname).toBe('/api/nodepools/findings');
    expect(url.searchParams.getAll('rule')).toEqual(['no-owner', 'spot-without-taint']);
    expect(url.searchParams.getAll('severity')).toEqual(['high']);
    expect(url.searchParams.getAll('owner')).toEqual(['group:default/team-a', 'group:default/team-b']);
    expect(url.searchParams.get('cluster')).toBe('eks/111122223333/us-east-1/payments-prod');
    expect(url.searchParams.get('pool')).toBe('eks/111122223333/us-east-1/payments-prod/api');
    expect(url.searchParams.get('state')).toBe('acknowledged');
    expect(url.searchParams.get('cursor')).toBe('c/1+');
    expect(url.searchParams.get('limit')).toBe('50');
  });

  it('sends no query string for an empty query, and reads the summary', async () => {
    await client().listFindings();
    reply = () => ({ status: 200, body: { byRule: { 'no-owner': 2 }, bySeverity: { high: 2, medium: 0, low: 0 }, open: 2, acknowledged: 0 } });
    const summary = await client().getFindingsSummary();
    expect(seen.map(s => s.url)).toEqual(['/api/nodepools/findings', '/api/nodepools/findings/summary']);
    expect(summary.byRule['no-owner']).toBe(2);
  });

  it('posts an acknowledgement as JSON under the encoded finding id', async () => {
    reply = () => ({ status: 200, body: { id: 'no-owner:a/b' } });
    await client().acknowledgeFinding('no-owner:a/b', { reason: 'legacy pool', expiresAt: '2027-01-31T00:00:00.000Z' });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/nodepools/findings/no-owner%3Aa%2Fb/acknowledge',
      contentType: 'application/json',
      body: { reason: 'legacy pool', expiresAt: '2027-01-31T00:00:00.000Z' },
    });
  });

  it('sends the grouping and filters of costs and governance pools, and the upgrade plan scope', async () => {
    await client().getCosts({ groupBy: 'cluster', owner: ['group:default/team-a'], provider: ['eks', 'gke'] });
    await client().listGovernancePools({ cluster: ['gke/acme/europe-west4/data-prod'] });
    await client().getUpgradePlan({ cluster: 'eks/1/us-east-1/prod', owner: 'group:default/team-a' });
    await client().getUpgradePlan();
    const costs = urlOf(seen[0]);
    expect(costs.pathname).toBe('/api/nodepools/costs');
    expect(costs.searchParams.get('groupBy')).toBe('cluster');
    expect(costs.searchParams.getAll('owner')).toEqual(['group:default/team-a']);
    expect(costs.searchParams.getAll('provider')).toEqual(['eks', 'gke']);
    const pools = urlOf(seen[1]);
    expect(pools.pathname).toBe('/api/nodepools/governance/pools');
    expect(pools.searchParams.getAll('cluster')).toEqual(['gke/acme/europe-west4/data-prod']);
    const upgrades = urlOf(seen[2]);
    expect(upgrades.pathname).toBe('/api/nodepools/upgrades');
    expect(upgrades.searchParams.get('cluster')).toBe('eks/1/us-east-1/prod');
    expect(upgrades.searchParams.get('owner')).toBe('group:default/team-a');
    expect(seen[3].url).toBe('/api/nodepools/upgrades');
  });

  it('reads and confirms an owner review under the URL-encoded entity ref', async () => {
    reply = () => ({ status: 200, body: { owner: 'group:default/team-a', pools: [] } });
    await client().getOwnerReview('group:default/team-a');
    await client().confirmOwnerReview('group:default/team-a', {
      pools: [
        { ref: 'eks/1/us-east-1/prod/api', action: 'confirm' },
        { ref: 'eks/1/us-east-1/prod/batch', action: 'hand-over', handTo: 'group:default/team-b' },
      ],
    });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/nodepools/owners/group%3Adefault%2Fteam-a/review' });
    expect(seen[1]).toMatchObject({
      method: 'POST',
      url: '/api/nodepools/owners/group%3Adefault%2Fteam-a/review/confirm',
      body: {
        pools: [
          { ref: 'eks/1/us-east-1/prod/api', action: 'confirm' },
          { ref: 'eks/1/us-east-1/prod/batch', action: 'hand-over', handTo: 'group:default/team-b' },
        ],
      },
    });
  });

  it('builds export URLs with the filters and without paging', async () => {
    const url = new URL(
      await client().exportUrl('findings', 'csv', { owner: ['group:default/team-a'], state: 'all', cursor: 'x', limit: 5 }),
    );
    expect(url.pathname).toBe('/api/nodepools/export/findings.csv');
    expect(url.searchParams.getAll('owner')).toEqual(['group:default/team-a']);
    expect(url.searchParams.get('state')).toBe('all');
    expect(url.searchParams.has('cursor')).toBe(false);
    expect(url.searchParams.has('limit')).toBe(false);
    expect(await client().exportUrl('pools', 'json')).toBe(`${baseUrl}/export/pools.json`);
  });

  it('downloads an export with the user token, named as the backend names it', async () => {
    reply = () => ({
      status: 200,
      body: 'ref,owner,rule\neks/1/us-east-1/prod/legacy,,no-owner\n',
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="nodepools-findings.csv"' },
    });
    const download = await client().downloadExport('findings', 'csv', { rule: ['no-owner'] });
    expect(seen[0].authorization).toBe(TOKEN);
    expect(urlOf(seen[0]).pathname).toBe('/api/nodepools/export/findings.csv');
    expect(urlOf(seen[0]).searchParams.getAll('rule')).toEqual(['no-owner']);
    expect(download.filename).toBe('nodepools-findings.csv');
    expect((await download.blob.text()).split('\n')[0]).toBe('ref,owner,rule');
  });

  it('names a download without a content-disposition after its kind and format', async () => {
    reply = () => ({ status: 200, body: '[]', headers: { 'content-type': 'application/json' } });
    const download = await client().downloadExport('costs', 'json', { groupBy: 'provider' });
    expect(download.filename).toBe('costs.json');
    expect(urlOf(seen[0]).searchParams.get('groupBy')).toBe('provider');
  });

  it('rejects a refused download and a refused confirmation with the backend error', async () => {
    await expect(client('Bearer nobody').downloadExport('pools', 'csv')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 401,
    });
    reply = () => ({
      status: 403,
      body: errorBody(403, 'NotAllowedError', 'You may not confirm pools of group:default/team-a'),
    });
    const error = await client()
      .confirmOwnerReview('group:default/team-a', { pools: [{ ref: 'a', action: 'confirm' }] })
      .then(
        () => undefined,
        (e: ResponseError) => e,
      );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error?.statusCode).toBe(403);
    expect(error?.body.error.message).toBe('You may not confirm pools of group:default/team-a');
  });

  it('names the field of a 400 on the findings query', async () => {
    reply = () => ({
      status: 400,
      body: errorBody(400, 'InputError', "Invalid query parameter 'severity': must be one of high, medium, low"),
    });
    const error = await client().listFindings({ severity: ['urgent' as never] }).catch(e => e);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toContain("'severity'");
  });
});
