import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'express';
import { LruCache } from '../store/listing/lruCache';
import type { ListedJson } from '../store/PoolStore';

const gzipAsync = promisify(gzip);

/** Bodies below this many bytes are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_ABOVE_BYTES = 1024;

/**
 * Sends a tagged listing: 304 when the client holds the tag, else the JSON,
 * gzip-compressed when it is large and the client accepts gzip. A tag's
 * compressed body is kept, so a page is compressed once, not per request.
 * `private, no-cache`: the browser keeps the answer and asks again with
 * its tag every time; no shared cache keeps a user's listing.
 */
export class ListingSender {
  readonly #compressed: LruCache<Buffer>;

  constructor(cacheBytes: number) {
    this.#compressed = new LruCache<Buffer>(cacheBytes, body => body.length);
  }

  async send(req: Request, res: Response, listed: ListedJson): Promise<void> {
    res.setHeader('ETag', listed.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    // Appended: the CORS middleware may already vary on Origin.
    res.vary('Accept-Encoding');
    if (listed.notModified) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    let body: Buffer = Buffer.from(listed.json, 'utf8');
    if (body.length > COMPRESS_ABOVE_BYTES && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      body = await this.#gzip(listed.etag, body);
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Content-Length', body.length);
    res.status(200).end(body);
  }

  async #gzip(etag: string, body: Buffer): Promise<Buffer> {
    const known = this.#compressed.get(etag);
    if (known) return known;
    const compressed = await gzipAsync(body);
    this.#compressed.set(etag, compressed);
    return compressed;
  }
}
