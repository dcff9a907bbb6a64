import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { nodepoolsPlugin } from '../plugin';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header();

function node(name: string, pool: string) {
  return {
    metadata: { name, labels: { 'eks.amazonaws.com/nodegroup': pool } },
    status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
  };
}

function pending(name: string, cpu: string) {
  return {
    metadata: { name, namespace: 'shop' },
    spec: { containers: [{ name: 'app', resources: { requests: { cpu } } }] },
    status: { phase: 'Pending' },
  };
}

/** `pods` pending pods of `signatures` distinct requests, and `nodes` nodes in `pools` pools. */
function body(shape: { pods: number; signatures?: number; nodes: number; pools?: number }) {
  return {
    pods: { items: Array.from({ length: shape.pods }, (_, i) => pending(`p-${i}`, `${100 + (i % (shape.signatures ?? 1))}m`)) },
    nodes: { items: Array.from({ length: shape.nodes }, (_, i) => node(`n-${i}`, `pool-${i % (shape.pools ?? 1)}`)) },
  };
}

async function start(limits: JsonObject) {
  const { server } = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.rootConfig.factory({ data: { nodepools: { triage: { limits } } } }),
    ],
  });
  return server;
}

const analyze = (server: http.Server, payload: unknown) =>
  request(server).post('/api/nodepools/triage/analyze').set('Authorization', auth).send(payload as object);

describe('triage limits', () => {
  it.each([
    [{ maxBodySize: '2kb' }, body({ pods: 20, nodes: 2 }), 'nodepools.triage.limits.maxBodySize (2,048 bytes)'],
    [{ maxPods: 5 }, body({ pods: 6, nodes: 2 }), 'more than 5 pods: the limit is nodepools.triage.limits.maxPods (5)'],
    [{ maxNodes: 3 }, body({ pods: 1, nodes: 4 }), 'more than 3 nodes: the limit is nodepools.triage.limits.maxNodes (3)'],
    [
      { maxWork: 11 },
      body({ pods: 12, signatures: 4, nodes: 3, pools: 3 }),
      'more than 11 signatures x pools: the limit is nodepools.triage.limits.maxWork (11)',
    ],
  ])('%j: answers 413 naming the limit and its key', async (limits, payload, message) => {
    const server = await start(limits);
    const res = await analyze(server, payload);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain(message);
  });

  it('analyzes what is within every limit', async () => {
    const server = await start({ maxPods: 12, maxNodes: 3, maxWork: 12, maxBodySize: '1mb' });
    const res = await analyze(server, body({ pods: 12, signatures: 4, nodes: 3, pools: 3 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 3, pods: expect.any(Array) });
    expect(res.body.signatures.length * res.body.pools.length).toBe(12);
  });

  it('explains at most maxExplained verdicts, and gives every pool its quick verdict', async () => {
    const server = await start({ maxExplained: 1 });
    // 3 signatures x 12 pools of one idle 4-cpu node: every pool takes every
    // pod now, and each signature's share (the minimum, 10) goes to them.
    const payload = body({ pods: 3, signatures: 3, nodes: 12, pools: 12 });
    const res = await analyze(server, payload);
    expect(res.status).toBe(200);
    expect(res.body.notes).toContainEqual(expect.stringContaining('reasons were worked out for 30 of 36 pool verdicts (maxExplained 1)'));
    for (const signature of res.body.signatures) {
      expect(signature.fits).toBe('2'.repeat(12));
      expect(signature.verdicts).toHaveLength(10);
    }
  });

  it('answers 413 from the declared length, before reading the body', async () => {
    const server = await start({ maxBodySize: 1000 });
    const { port } = server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          port,
          method: 'POST',
          path: '/api/nodepools/triage/analyze',
          headers: { Authorization: auth, 'Content-Type': 'application/json', 'Content-Length': 5000 },
        },
        res => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      // Only a little of the declared body is sent: the answer must not wait for the rest.
      req.write('{"pods": [');
    });
    expect(status).toBe(413);
  });

  it('runs at most maxConcurrent analyses and answers 429 with Retry-After beyond', async () => {
    const server = await start({ maxConcurrent: 1, timeBudget: { seconds: 20 } });
    const { port } = server.address() as AddressInfo;
    // An analysis whose body is still coming holds the one slot.
    let answered: (status: number) => void;
    const firstDone = new Promise<number>(resolve => {
      answered = resolve;
    });
    const first = http.request(
      {
        port,
        method: 'POST',
        path: '/api/nodepools/triage/analyze',
        headers: { Authorization: auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      },
      res => {
        res.resume();
        answered(res.statusCode!);
      },
    );
    first.write('{"pods": {"items": [');
    // The first request reaches the analyzer before the second one is sent.
    await new Promise(resolve => setTimeout(resolve, 500));
    const busy = await analyze(server, body({ pods: 1, nodes: 1 }));
    expect(busy.status).toBe(429);
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.body.error.message).toContain('the limit is nodepools.triage.limits.maxConcurrent (1)');
    first.end(']}, "nodes": []}');
    expect(await firstDone).toBe(200);
    expect((await analyze(server, body({ pods: 1, nodes: 1 }))).status).toBe(200);
  });

  it('stops an analysis over its time budget and answers 503 naming it', async () => {
    const server = await start({ timeBudget: { milliseconds: 1 } });
    const res = await analyze(server, body({ pods: 2000, signatures: 500, nodes: 200, pools: 20 }));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/^The triage analysis was stopped after 1 ms: the limit is nodepools\.triage\.limits\.timeBudget$/);
    // The backend goes on answering, and the next analysis gets its slot.
    expect((await request(server).get('/api/nodepools/pools').set('Authorization', auth)).status).toBe(200);
  });
});
