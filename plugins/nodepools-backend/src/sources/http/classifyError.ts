import { ApiException } from '@kubernetes/client-node';
import {
  SourceAuthError,
  SourceHttpError,
  SourceNetworkError,
  SourceRequestError,
  SourceResponseError,
  describeThrown,
} from './errors';
import { headerLookup, retryAfterMs, type HeaderLookup } from './retryAfter';

/**
 * What a failed call says, in the terms every source uses. Each SDK's error
 * is reduced to these facts by one row of `SDK_ERRORS`; `errorFromFacts`
 * alone decides which SourceRequestError they make.
 */
export interface ErrorFacts {
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The provider's error code: an AWS exception name, an Azure code, a Kubernetes Status reason. */
  code?: string;
  message?: string;
  /** The answer's headers, for Retry-After and rate-limit headers. */
  header?: HeaderLookup;
  /** No credential could be had: the request was never authorized. */
  credentials?: boolean;
  /** The answer arrived but its body cannot be read. */
  unreadableBody?: boolean;
}

/** Turns whatever a client threw into a SourceRequestError (or returns it as is). */
export type ErrorClassifier = (
  error: unknown,
  operation: string,
  redact: (text: string) => string,
) => SourceRequestError;

type Loose = Record<string, any>;

const nameOf = (error: unknown): string | undefined =>
  error && typeof error === 'object' ? (error as Loose).name : undefined;

/** The first line: SDKs append hints on further lines (AWS deserialization errors do). */
const firstLine = (error: unknown) => describeThrown(error).split('\n')[0];

/** Errors of AWS's credential chain and of STS AssumeRole: no request was authorized. */
const AWS_CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AccessDeniedException',
  'AccessDenied',
]);

/** Errors `@azure/identity` throws when no token can be had. */
const AZURE_CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
]);

/** How `@azure/core-rest-pipeline` words a body it could not finish reading. */
const AZURE_BODY_READ_FAILURE = 'Error reading response as text';

/** A Kubernetes `Status` body: `{ kind: 'Status', reason, message }`. */
function kubernetesStatus(body: unknown): { reason?: string; message?: string } {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return {};
    }
  }
  const status = (value ?? {}) as Loose;
  if (status.kind !== 'Status') return {};
  return {
    reason: typeof status.reason === 'string' ? status.reason : undefined,
    message: typeof status.message === 'string' ? status.message : undefined,
  };
}

/**
 * The code and message of a REST error body: Google's
 * `{ error: { status, message } }`, DigitalOcean's `{ id, message }`, an
 * OAuth token endpoint's `{ error, error_description }`, or plain text.
 */
export function restErrorBody(text: string): { code?: string; message?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: text || undefined };
  }
  if (!parsed || typeof parsed !== 'object') return {};
  const record = parsed as Loose;
  const source: Loose = record.error && typeof record.error === 'object' ? record.error : record;
  const code = source.status ?? source.id ?? source.code ?? record.error;
  const message = source.message ?? record.error_description;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/** One SDK: how to recognize its errors and what they say. */
interface SdkErrorRow {
  sdk: string;
  recognizes(error: unknown): boolean;
  facts(error: Loose): ErrorFacts;
}

/**
 * Every SDK the sources call, one row each. The clients' own retries are
 * off, so throttling and server faults arrive here with their status and
 * the server's wait headers.
 */
const SDK_ERRORS: SdkErrorRow[] = [
  {
    sdk: 'aws',
    recognizes: error =>
      Boolean((error as Loose)?.$metadata) || AWS_CREDENTIAL_ERRORS.has(nameOf(error) ?? ''),
    facts: error => ({
      status: error.$metadata?.httpStatusCode ?? error.$response?.statusCode,
      code: error.name,
      message: firstLine(error),
      header: headerLookup(error.$response?.headers),
      credentials: AWS_CREDENTIAL_ERRORS.has(error.name),
      unreadableBody: error.name === 'SyntaxError',
    }),
  },
  {
    sdk: 'azure',
    recognizes: error =>
      nameOf(error) === 'RestError' || AZURE_CREDENTIAL_ERRORS.has(nameOf(error) ?? ''),
    facts: error => ({
      status: error.statusCode,
      code: AZURE_CREDENTIAL_ERRORS.has(error.name) ? error.name : error.code,
      message: firstLine(error),
      header: name => error.response?.headers?.get?.(name),
      credentials: AZURE_CREDENTIAL_ERRORS.has(error.name),
      // The pipeline reports a body cut off while reading as a parse error too; that one is the network's.
      unreadableBody:
        error.code === 'PARSE_ERROR' && !String(error.message).startsWith(AZURE_BODY_READ_FAILURE),
    }),
  },
  {
    sdk: 'kubernetes',
    recognizes: error => error instanceof ApiException,
    facts: error => {
      const { reason, message } = kubernetesStatus(error.body);
      return {
        status: error.code,
        code: reason ?? (error.code === 401 ? 'Unauthorized' : undefined),
        message,
        header: headerLookup(error.headers),
      };
    },
  },
  {
    // google-auth-library's HTTP client: a token endpoint that refused the credentials.
    sdk: 'google-auth',
    recognizes: error => nameOf(error) === 'GaxiosError',
    facts: error => {
      const body =
        typeof error.response?.data === 'string'
          ? restErrorBody(error.response.data)
          : restErrorBody(JSON.stringify(error.response?.data ?? ''));
      return {
        status: error.response?.status,
        code: body.code,
        message: body.message ?? firstLine(error),
        credentials: true,
      };
    },
  },
  {
    // An SDK that could not map the answer to its model; fetch's own network failures are TypeErrors too.
    sdk: 'mapping',
    recognizes: error => error instanceof TypeError && error.message !== 'fetch failed',
    facts: error => ({ message: firstLine(error), unreadableBody: true }),
  },
  {
    // A body that does not parse: cut short, or not JSON at all (a proxy's page).
    sdk: 'json',
    recognizes: error => error instanceof SyntaxError,
    facts: error => ({
      message: `the body is truncated or not JSON (${firstLine(error)})`,
      unreadableBody: true,
    }),
  },
];

/** Which SourceRequestError the facts of a failed call make. */
export function errorFromFacts(
  operation: string,
  facts: ErrorFacts,
  redact: (text: string) => string,
): SourceRequestError {
  const { status } = facts;
  const code = facts.code && redact(facts.code);
  const message = facts.message && redact(facts.message);
  if (status === 401 || status === 403 || facts.credentials) {
    const detail = [...new Set([code, message].filter(Boolean))].join(': ');
    return new SourceAuthError(operation, detail || 'access denied', status);
  }
  if (status !== undefined && (status < 200 || status >= 300)) {
    return new SourceHttpError(operation, status, {
      code,
      message: message === code ? undefined : message,
      retryAfterMs: facts.header && retryAfterMs(facts.header, { status }),
    });
  }
  if (facts.unreadableBody || status !== undefined) {
    return new SourceResponseError(operation, message || 'the answer cannot be read');
  }
  return new SourceNetworkError(operation, message || 'no answer');
}

/**
 * Maps what any client of the sources threw (the AWS, Azure and Kubernetes
 * SDKs, google-auth-library, fetch) to a SourceRequestError. Errors of no
 * known SDK are transport failures.
 */
export const classifySdkError: ErrorClassifier = (error, operation, redact) => {
  if (error instanceof SourceRequestError) return error;
  const row = SDK_ERRORS.find(candidate => candidate.recognizes(error));
  if (!row) return new SourceNetworkError(operation, redact(describeThrown(error)));
  return errorFromFacts(operation, row.facts(error as Loose), redact);
};
