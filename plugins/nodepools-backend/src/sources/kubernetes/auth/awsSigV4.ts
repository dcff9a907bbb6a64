import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4, as documented in the IAM user guide ("Create a
 * signed AWS API request"). Only what an EKS token needs: a GET with a query
 * string and no body.
 */

export interface AwsSigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigningScope {
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ` */
  amzDate: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/** URI-encodes per RFC 3986, leaving only unreserved characters as they are. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Byte order, which SigV4 sorts by (not locale order). */
function byCodePoint(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export function canonicalQueryString(query: Record<string, string>): string {
  return Object.keys(query)
    .map(key => [uriEncode(key), uriEncode(query[key])] as const)
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** Header names lower-cased and sorted; values trimmed with inner spaces collapsed. */
function canonicalHeaders(headers: Record<string, string>): {
  canonical: string;
  signed: string;
} {
  const entries = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')])
    .sort(([a], [b]) => byCodePoint(a, b));
  return {
    canonical: entries.map(([name, value]) => `${name}:${value}\n`).join(''),
    signed: entries.map(([name]) => name).join(';'),
  };
}

export function canonicalRequest(request: {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  payloadHash: string;
}): string {
  const headers = canonicalHeaders(request.headers);
  return [
    request.method,
    request.path,
    canonicalQueryString(request.query),
    headers.canonical,
    headers.signed,
    request.payloadHash,
  ].join('\n');
}

export function credentialScope(scope: SigningScope): string {
  return `${scope.amzDate.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(scope: SigningScope, request: string): string {
  return [ALGORITHM, scope.amzDate, credentialScope(scope), sha256Hex(request)].join(
    '\n',
  );
}

export function signingKey(secretAccessKey: string, scope: SigningScope): Buffer {
  const date = createHmac('sha256', `AWS4${secretAccessKey}`)
    .update(scope.amzDate.slice(0, 8))
    .digest();
  const region = createHmac('sha256', date).update(scope.region).digest();
  const service = createHmac('sha256', region).update(scope.service).digest();
  return createHmac('sha256', service).update('aws4_request').digest();
}

export function signature(
  secretAccessKey: string,
  scope: SigningScope,
  request: string,
): string {
  return createHmac('sha256', signingKey(secretAccessKey, scope))
    .update(stringToSign(scope, request))
    .digest('hex');
}

export function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * A pre-signed GET URL: the signature and credentials travel in the query
 * string, so whoever holds the URL can make the call until it expires.
 */
export function presignGetUrl(options: {
  host: string;
  path: string;
  query: Record<string, string>;
  /** Extra headers the URL's user must send, e.g. `x-k8s-aws-id`. */
  headers: Record<string, string>;
  credentials: AwsSigningCredentials;
  region: string;
  service: string;
  now: Date;
  expiresInSeconds: number;
}): string {
  const scope: SigningScope = {
    region: options.region,
    service: options.service,
    amzDate: toAmzDate(options.now),
  };
  const headers = { host: options.host, ...options.headers };
  const query: Record<string, string> = {
    ...options.query,
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Credential': `${options.credentials.accessKeyId}/${credentialScope(scope)}`,
    'X-Amz-Date': scope.amzDate,
    'X-Amz-Expires': String(options.expiresInSeconds),
    'X-Amz-SignedHeaders': canonicalHeaders(headers).signed,
  };
  if (options.credentials.sessionToken) {
    query['X-Amz-Security-Token'] = options.credentials.sessionToken;
  }
  const request = canonicalRequest({
    method: 'GET',
    path: options.path,
    query,
    headers,
    payloadHash: sha256Hex(''),
  });
  const signed = signature(options.credentials.secretAccessKey, scope, request);
  const signedQuery = `${canonicalQueryString(query)}&X-Amz-Signature=${signed}`;
  return `https://${options.host}${options.path}?${signedQuery}`;
}
