/* eslint-disable jest/no-export -- a suite factory: each source's own test file runs it with its harness */
import type { PoolSource, ScopeListing } from '../types';
import type { RequestPolicy, Sleep } from '../http';
import {
  startReplayServer,
  type RecordedRequest,
  type ReplayResponse,
  type ReplayRoute,
  type ReplayServer,
} from './replayServer';

/**
 * What the contract suite needs to know of one source's API: where its
 * clusters and pools are listed and what its answers look like. Page 1 is
 * the first page of a cluster's pool listing; a page's answer can point to
 * any page by number, and the route of that page must match the request
 * the source makes for it.
 */
export interface SourceContractHarness {
  /** Serve over HTTPS (a client that refuses to send a token over HTTP). */
  tls?: boolean;
  /** A credential the source holds: no error may show it, even when a server quotes it. */
  secret: string;
  /** Whether a cluster's pools come in pages (GKE's do not). */
  paged: boolean;
  /**
   * Whether the client's errors quote the server's error message; false
   * when the SDK drops it (the Azure SDK's paged lists do).
   */
  quotesErrorMessages?: boolean;
  createSource(input: {
    server: ReplayServer;
    clusters: string[];
    policy: Partial<RequestPolicy>;
    sleep: Sleep;
  }): PoolSource;
  /** Routes the listing of the clusters; absent when clusters are configured, not listed. */
  serveClusters?(server: ReplayServer, clusters: string[]): void;
  /** The route of the clusters listing, to make it fail. */
  clustersRoute?: ReplayRoute;
  poolsRoute(server: ReplayServer, cluster: string, page: number): ReplayRoute;
  poolsPage(
    server: ReplayServer,
    cluster: string,
    names: string[],
    nextPage?: number,
  ): ReplayResponse;
  /** Routes what else listing these pools reads: descriptions, pods, NodeClaims. */
  servePoolDetails?(server: ReplayServer, cluster: string, names: string[]): void;
  /** An error answer in the API's own shape. */
  errorResponse(status: number, message: string): ReplayResponse;
  scopeOf(cluster: string): string;
}

const POLICY: Partial<RequestPolicy> = {
  timeoutMs: 2000,
  maxAttempts: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
  maxRetryWaitMs: 10_000,
  maxPages: 10,
};

/**
 * The contract every source keeps (see `PoolSource`), run against a local
 * server that answers as the source's API would, failures included.
 */
export function describeSourceContract(name: string, harness: SourceContractHarness) {
  describe(`${name} keeps the source contract`, () => {
    let server: ReplayServer;
    let sleeps: number[];

    beforeEach(async () => {
      server = await startReplayServer({ tls: harness.tls });
      sleeps = [];
    });
    afterEach(() => server.close());

    const source = (clusters: string[], policy: Partial<RequestPolicy> = {}) =>
      harness.createSource({
        server,
        clusters,
        policy: { ...POLICY, ...policy },
        sleep: async ms => {
          sleeps.push(ms);
        },
      });

    /** The answer served for each page of each cluster's pools. */
    let served: Map<string, ReplayResponse>;
    beforeEach(() => {
      served = new Map();
    });

    /** Serves the clusters and each one's pools, in pages. */
    function serve(pools: Record<string, string[][]>, options: { loop?: boolean } = {}) {
      harness.serveClusters?.(server, Object.keys(pools));
      for (const [cluster, pages] of Object.entries(pools)) {
        for (let page = 1; page <= pages.length; page++) {
          const last = page === pages.length;
          let next: number | undefined = last ? undefined : page + 1;
          if (last && options.loop) next = page;
          const response = harness.poolsPage(server, cluster, pages[page - 1], next);
          served.set(`${cluster}/${page}`, response);
          server.route(harness.poolsRoute(server, cluster, page), response);
        }
        harness.servePoolDetails?.(server, cluster, pages.flat());
      }
    }

    /** The served answer of a page, to follow scripted failures. */
    const servedPage = (cluster: string, page: number) => served.get(`${cluster}/${page}`)!;

    /**
     * Answers page `page` of a cluster's pools with `responses` in turn
     * (the last one repeating), ahead of the served answer.
     */
    function override(cluster: string, page: number, ...responses: ReplayResponse[]) {
      const route = harness.poolsRoute(server, cluster, page);
      server.route(
        { ...route, match: (request: RecordedRequest) => route.match?.(request) ?? true },
        ...responses,
      );
    }

    const requestsOf = (cluster: string, page: number) => {
      const route = harness.poolsRoute(server, cluster, page);
      return server.requests.filter(
        r =>
          r.path === route.path &&
          Object.entries(route.query ?? {}).every(([k, v]) =>
            v === undefined ? !(k in r.query) : r.query[k] === v,
          ),
      );
    };

    const names = (listing: ScopeListing) => listing.pools.map(p => p.name).sort();
    const byScope = (listings: ScopeListing[], cluster: string) => {
      const listing = listings.find(l => l.scope === harness.scopeOf(cluster));
      if (!listing) throw new Error(`no listing for ${harness.scopeOf(cluster)}`);
      return listing;
    };
    const lastPage = harness.paged ? 2 : 1;
    const pagesOf = (...all: string[]) =>
      harness.paged ? [all.slice(0, 2), all.slice(2)] : [all];

    it('lists every cluster completely, each a scope of its own', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3'), beta: [['b1']] });
      const listings = await source(['alpha', 'beta']).list({});
      expect(listings).toHaveLength(2);
      expect(byScope(listings, 'alpha')).toMatchObject({ complete: true });
      expect(byScope(listings, 'alpha').error).toBeUndefined();
      expect(names(byScope(listings, 'alpha'))).toEqual(['a1', 'a2', 'a3']);
      expect(names(byScope(listings, 'beta'))).toEqual(['b1']);
      expect(server.requests.filter(r => r.unmatched)).toEqual([]);
    });

    if (harness.paged) {
      it('follows the cursor through every page', async () => {
        serve({ alpha: [['a1'], ['a2'], ['a3']] });
        const [listing] = await source(['alpha']).list({});
        expect(listing.complete).toBe(true);
        expect(names(listing)).toEqual(['a1', 'a2', 'a3']);
        expect([1, 2, 3].map(page => requestsOf('alpha', page).length)).toEqual([1, 1, 1]);
      });

      it('ends a scope whose cursor repeats as incomplete instead of looping', async () => {
        serve({ alpha: [['a1'], ['a2']] }, { loop: true });
        const [listing] = await source(['alpha']).list({});
        expect(listing.complete).toBe(false);
        expect(listing.error).toMatch(/repeats an earlier page; the listing is incomplete/);
        expect(requestsOf('alpha', 2)).toHaveLength(1);
      });

      it('stops a listing at maxPages, incomplete', async () => {
        serve({ alpha: [['a1'], ['a2'], ['a3']] });
        const [listing] = await source(['alpha'], { maxPages: 2 }).list({});
        expect(listing.complete).toBe(false);
        expect(listing.error).toMatch(/more pages than maxPages \(2\); the listing is incomplete/);
        expect(requestsOf('alpha', 3)).toHaveLength(0);
      });
    }

    it('retries a 500 and then lists the scope completely', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3') });
      override('alpha', lastPage, harness.errorResponse(500, 'internal error'), servedPage('alpha', lastPage));
      const [listing] = await source(['alpha']).list({});
      expect(listing.complete).toBe(true);
      expect(names(listing)).toEqual(['a1', 'a2', 'a3']);
      expect(requestsOf('alpha', lastPage)).toHaveLength(2);
    });

    it('waits what Retry-After asks after a 429', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3') });
      const throttled = harness.errorResponse(429, 'rate exceeded');
      override(
        'alpha',
        lastPage,
        { ...throttled, headers: { ...throttled.headers, 'retry-after': '3' } },
        servedPage('alpha', lastPage),
      );
      const [listing] = await source(['alpha']).list({});
      expect(listing.complete).toBe(true);
      expect(sleeps).toEqual([3000]);
    });

    it('times out an answer that never comes; the scope is incomplete', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3'), beta: [['b1']] });
      override('alpha', lastPage, { hang: true });
      const listings = await source(['alpha', 'beta'], { timeoutMs: 300 }).list({});
      expect(byScope(listings, 'alpha').complete).toBe(false);
      expect(byScope(listings, 'alpha').error).toContain('no answer within 300 ms');
      expect(requestsOf('alpha', lastPage)).toHaveLength(2);
      expect(byScope(listings, 'beta').complete).toBe(true);
    });

    it('does not take a truncated body for an answer', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3') });
      override('alpha', lastPage, { body: '{"items": [{"name": "a', status: 200 });
      const [listing] = await source(['alpha']).list({});
      expect(listing.complete).toBe(false);
      expect(listing.error).toContain('invalid response');
      expect(requestsOf('alpha', lastPage)).toHaveLength(1);
    });

    it('retries a connection dropped in the middle of a body', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3') });
      const good = servedPage('alpha', lastPage);
      override('alpha', lastPage, { ...good, resetAfterBytes: 5 }, good);
      const [listing] = await source(['alpha']).list({});
      expect(listing.complete).toBe(true);
      expect(names(listing)).toEqual(['a1', 'a2', 'a3']);
      expect(requestsOf('alpha', lastPage)).toHaveLength(2);
    });

    it('does not retry refused credentials, and the scope is incomplete', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3') });
      override('alpha', 1, harness.errorResponse(401, 'the credentials are not valid'));
      const [listing] = await source(['alpha']).list({});
      expect(listing.complete).toBe(false);
      expect(listing.error).toContain('authentication failed (HTTP 401)');
      expect(requestsOf('alpha', 1)).toHaveLength(1);
    });

    it('keeps the other scopes when one keeps failing', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3'), beta: pagesOf('b1', 'b2', 'b3') });
      override('alpha', lastPage, harness.errorResponse(503, 'unavailable'));
      const listings = await source(['alpha', 'beta']).list({});
      const alpha = byScope(listings, 'alpha');
      expect(alpha.complete).toBe(false);
      expect(alpha.error).toContain('HTTP 503');
      expect(byScope(listings, 'beta')).toMatchObject({ complete: true });
      expect(names(byScope(listings, 'beta'))).toEqual(['b1', 'b2', 'b3']);
    });

    it('never shows a credential a server quotes back', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3'), beta: [['b1']] });
      const quoting = `token ${harness.secret} and Bearer ${harness.secret} are not welcome`;
      override('alpha', 1, harness.errorResponse(403, quoting));
      override('beta', 1, harness.errorResponse(400, quoting));
      const listings = await source(['alpha', 'beta']).list({});
      expect(listings.every(l => !l.complete)).toBe(true);
      // Where the client quotes the server, the quote reached the error: what is not there was taken out.
      const quoted = byScope(listings, 'alpha').error?.includes('[redacted]');
      expect(quoted).toBe(harness.quotesErrorMessages !== false);
      expect(JSON.stringify(listings)).not.toContain(harness.secret);
    });

    if (harness.clustersRoute) {
      const clustersRoute = harness.clustersRoute;
      it('fails the whole listing, rather than report no clusters, when the clusters cannot be listed', async () => {
        serve({ alpha: [['a1']] });
        server.route(
          { ...clustersRoute, match: () => true },
          harness.errorResponse(500, 'internal error'),
        );
        await expect(source(['alpha']).list({})).rejects.toThrow(/HTTP 500/);
      });
    }

    it('stops when the sync is aborted', async () => {
      serve({ alpha: pagesOf('a1', 'a2', 'a3') });
      override('alpha', 1, { hang: true });
      const controller = new AbortController();
      const listing = source(['alpha'], { timeoutMs: 60_000 }).list({
        signal: controller.signal,
      });
      while (requestsOf('alpha', 1).length === 0) {
        await new Promise(resolve => setTimeout(resolve, 5));
      }
      controller.abort();
      await expect(listing).rejects.toThrow(/aborted/);
      expect(requestsOf('alpha', 1)).toHaveLength(1);
    });
  });
}
