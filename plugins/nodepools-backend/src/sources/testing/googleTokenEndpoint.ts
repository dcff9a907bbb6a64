import { generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A service account key file as Google issues them, with a key made for the run. */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

/** A local OAuth token endpoint that trusts the keys registered with it. */
export interface GoogleTokenEndpoint {
  /** The `token_uri` to put in a key. */
  readonly tokenUri: string;
  /** Access tokens handed out, in order. */
  readonly issued: string[];
  /** Assertions refused, with why. */
  readonly refused: string[];
  /** A new service account key whose public half the endpoint trusts. */
  createKey(options?: { email?: string; trusted?: boolean }): ServiceAccountKey;
  close(): Promise<void>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The audience service account assertions are signed for. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

function decodeSegment(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Starts a token endpoint on 127.0.0.1 that does what Google's does for a
 * service account: it takes a JWT bearer assertion, checks its RS256
 * signature against the public keys of the account it names as issuer, its
 * audience, scope and expiry, and answers an access token.
 */
export async function startGoogleTokenEndpoint(): Promise<GoogleTokenEndpoint> {
  /** The public keys of each service account, by its email. */
  const trusted = new Map<string, KeyObject[]>();
  const issued: string[] = [];
  const refused: string[] = [];

  const check = (assertion: string): string | undefined => {
    const [header, payload, signature] = assertion.split('.');
    if (!header || !payload || !signature) return 'not a JWT';
    const head = decodeSegment(header);
    const claims = decodeSegment(payload);
    if (head.alg !== 'RS256') return `alg ${head.alg}`;
    const keys = trusted.get(String(claims.iss));
    if (!keys) return `unknown issuer ${claims.iss}`;
    const signed = keys.some(key =>
      verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${payload}`),
        key,
        Buffer.from(signature, 'base64url'),
      ),
    );
    if (!signed) return 'bad signature';
    if (claims.aud !== GOOGLE_TOKEN_URL) return `audience ${claims.aud}`;
    if (!String(claims.scope ?? '').split(' ').includes('https://www.googleapis.com/auth/cloud-platform')) {
      return `scope ${claims.scope}`;
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return 'expired';
    return undefined;
  };

  const server = http.createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    if (req.method !== 'POST' || req.url !== '/token' || form.get('grant_type') !== JWT_BEARER) {
      answer(res, 400, { error: 'unsupported_grant_type' });
      return;
    }
    const problem = check(form.get('assertion') ?? '');
    if (problem) {
      refused.push(problem);
      answer(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
      return;
    }
    const token = `ya29.local-${randomBytes(12).toString('hex')}`;
    issued.push(token);
    answer(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const tokenUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;

  return {
    tokenUri,
    issued,
    refused,
    createKey(options = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keyId = randomBytes(20).toString('hex');
      const email = options.email ?? 'nodepools-reader@shop-prod.iam.gserviceaccount.com';
      if (options.trusted !== false) {
        trusted.set(email, [...(trusted.get(email) ?? []), publicKey]);
      } else {
        // The account is known, this key of it is not: a revoked or forged key.
        trusted.set(email, trusted.get(email) ?? []);
      }
      return {
        type: 'service_account',
        project_id: 'shop-prod',
        private_key_id: keyId,
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: email,
        client_id: '100000000000000000001',
        token_uri: tokenUri,
      };
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
