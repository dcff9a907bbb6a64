import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSelfSignedCertificate,
  type SelfSignedCertificate,
} from './selfSignedCertificate';

/** A local Entra ID authority that knows one tenant and one app registration. */
export interface EntraAuthority {
  /** `https://127.0.0.1:<port>`, to pass as `authorityHost`. */
  readonly url: string;
  /** The certificate a client must trust. */
  readonly ca: string;
  /** Access tokens handed out, in order. */
  readonly issued: string[];
  /** Token requests refused, with why. */
  readonly refused: string[];
  /** Every request, `METHOD path`, in order. */
  readonly requests: string[];
  close(): Promise<void>;
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
 * Starts an HTTPS server on 127.0.0.1 that answers as Entra ID does for the
 * client credentials flow: the tenant's OpenID metadata, and a v2.0 token
 * endpoint that checks the client id and secret before it issues a token.
 */
export async function startEntraAuthority(
  app: { tenantId: string; clientId: string; clientSecret: string },
  options: {
    /** The certificate to serve; one made for the server by default. */
    certificate?: SelfSignedCertificate;
  } = {},
): Promise<EntraAuthority> {
  const certificate = options.certificate ?? createSelfSignedCertificate();
  const issued: string[] = [];
  const refused: string[] = [];
  const requests: string[] = [];
  let url = '';

  const metadata = () => {
    const tenant = `${url}/${app.tenantId}`;
    return {
      issuer: `${tenant}/v2.0`,
      authorization_endpoint: `${tenant}/oauth2/v2.0/authorize`,
      token_endpoint: `${tenant}/oauth2/v2.0/token`,
      end_session_endpoint: `${tenant}/oauth2/v2.0/logout`,
      jwks_uri: `${url}/${app.tenantId}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: 'EU',
    };
  };

  const token = (form: URLSearchParams): string | undefined => {
    if (form.get('grant_type') !== 'client_credentials') return `grant ${form.get('grant_type')}`;
    if (form.get('client_id') !== app.clientId) return `client ${form.get('client_id')}`;
    if (form.get('client_secret') !== app.clientSecret) return 'bad secret';
    if (!form.get('scope')?.endsWith('/.default')) return `scope ${form.get('scope')}`;
    return undefined;
  };

  const server = https.createServer(
    { cert: certificate.cert, key: certificate.key },
    async (req, res) => {
      const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
      requests.push(`${req.method} ${path}`);
      if (req.method === 'GET' && path === `/${app.tenantId}/v2.0/.well-known/openid-configuration`) {
        answer(res, 200, metadata());
        return;
      }
      if (req.method === 'POST' && path === `/${app.tenantId}/oauth2/v2.0/token`) {
        const problem = token(new URLSearchParams(await readBody(req)));
        if (problem) {
          refused.push(problem);
          answer(res, 401, {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
            error_codes: [7000215],
          });
          return;
        }
        const accessToken = `eyJ0eXAiOiJKV1QifQ.local-arm-${randomBytes(12).toString('hex')}`;
        issued.push(accessToken);
        answer(res, 200, {
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: accessToken,
        });
        return;
      }
      answer(res, 404, { error: 'not_found', error_description: `no ${req.method} ${path}` });
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ca: certificate.cert,
    issued,
    refused,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
