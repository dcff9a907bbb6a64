import { once } from 'node:events';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PostResult {
  status: number;
  /** Bytes of the answer's body. */
  answerBytes: number;
  /** The answer's body when it is not a success (the error naming its limit). */
  errorText?: string;
  /** The answer's body when it is a success, for its summary. */
  answer?: Buffer;
  /** Request body bytes written before the answer came (all of them when it came after). */
  sentBytes: number;
  retryAfter?: string;
  /** Epoch milliseconds of the first byte sent and of the answer's last byte. */
  startedAt: number;
  endedAt: number;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * POSTs a body given in pieces with its Content-Length, waiting for the
 * socket to drain between pieces. When the server answers before the body
 * is sent (a refusal), the rest is not sent and the connection is closed.
 */
export async function postPieces(options: {
  url: string;
  headers: Record<string, string>;
  pieces: Iterable<string>;
  length: number;
}): Promise<PostResult> {
  const url = new URL(options.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`requests go to loopback only, not ${url.hostname}`);
  const startedAt = now();
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { ...options.headers, 'Content-Type': 'application/json', 'Content-Length': String(options.length) },
  });
  let answered = false;
  let failed = false;
  let sentBytes = 0;
  const answer = new Promise<Omit<PostResult, 'sentBytes' | 'startedAt'>>((resolve, reject) => {
    req.on('response', res => {
      answered = true;
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        bytes += chunk.length;
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks);
        const retryAfter = res.headers['retry-after'];
        resolve({
          status,
          answerBytes: bytes,
          endedAt: now(),
          ...(status === 200 ? { answer: body } : { errorText: body.toString('utf8', 0, 2000) }),
          ...(retryAfter ? { retryAfter: String(retryAfter) } : {}),
        });
      });
      res.on('error', reject);
    });
    req.on('error', error => {
      // Writing into a connection the server closed after answering is expected.
      failed = true;
      if (!answered) reject(error);
    });
  });
  for (const piece of options.pieces) {
    if (answered || failed) break;
    sentBytes += piece.length;
    if (!req.write(piece)) {
      await Promise.race([once(req, 'drain'), answer.catch(() => undefined)]);
    }
  }
  if (!answered && !failed) req.end();
  const result = await answer;
  if (sentBytes < options.length) req.destroy();
  return { ...result, sentBytes, startedAt };
}
