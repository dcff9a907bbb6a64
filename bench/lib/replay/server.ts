/*
 * The replay server, run as a child process of the live-sync benchmark so
 * that what it allocates is not counted in the syncing process's memory.
 * It answers the EKS REST API and one Kubernetes API per cluster on
 * 127.0.0.1, building every answer from the fleet's indexes on request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer } from './answer';
import { answerEks } from './eksApi';
import { answerKubernetes } from './kubernetesApi';
import type { ReplayMessage, ReplayReply, RequestCounts } from './protocol';
import { Fleet, type FleetShape } from './world';

const shape = JSON.parse(process.env.NODEPOOLS_REPLAY_SHAPE ?? '') as FleetShape;
const bearer = `Bearer ${process.env.NODEPOOLS_REPLAY_TOKEN ?? ''}`;
const fleet = new Fleet(shape);
const counts: RequestCounts = { eks: 0, kubernetes: 0, rejected: 0 };

function authorized(kind: 'eks' | 'kubernetes', header: string | undefined): boolean {
  // The EKS client signs with SigV4; the signature is not checked, only that signing ran.
  if (kind === 'eks') return header?.startsWith('AWS4-HMAC-SHA256 Credential=') ?? false;
  return header === bearer;
}

function answer(request: http.IncomingMessage): Answer {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const segments = url.pathname.split('/').filter(Boolean);
  const kind = segments[0] === 'kubernetes' ? 'kubernetes' : 'eks';
  if (request.method !== 'GET') {
    counts.rejected++;
    return { status: 405, body: { message: `${request.method} is not replayed` } };
  }
  if (!authorized(kind, request.headers.authorization)) {
    counts.rejected++;
    return { status: 401, body: { message: 'Unauthorized' } };
  }
  const found =
    kind === 'kubernetes'
      ? answerKubernetes(fleet, segments, url.searchParams)
      : answerEks(fleet, segments, url.searchParams);
  if (!found) {
    counts.rejected++;
    return { status: 404, body: { message: `no route for ${url.pathname}` } };
  }
  counts[kind]++;
  return found;
}

const server = http.createServer((request, response) => {
  const { status, body, headers } = answer(request);
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
});
server.keepAliveTimeout = 60_000;

function reply(message: ReplayReply) {
  process.send?.(message);
}

process.on('message', (message: ReplayMessage) => {
  if (message.type === 'replay-apply') {
    fleet.apply(message.change);
    reply({ type: 'replay-applied' });
  } else if (message.type === 'replay-counts') {
    reply({ type: 'replay-counts', counts: { ...counts } });
  }
});

// The parent going away (even killed) closes the channel: stop with it.
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

server.listen(0, '127.0.0.1', () => {
  reply({ type: 'replay-ready', port: (server.address() as AddressInfo).port });
});
