import {
  SourceAuthError,
  SourceHttpError,
  SourceNetworkError,
  SourceResponseError,
  describeThrown,
  redactSecrets,
} from './errors';
import { retryAfterMs } from './retryAfter';

export interface JsonRequest {
  url: string;
  /** Names the call in errors, e.g. `GET /v2/kubernetes/clusters`. */
  operation: string;
  headers?: Record<string, string>;
  /** Removed from any provider text quoted in an error. */
  secrets?: ReadonlyArray<string | undefined>;
  signal?: AbortSignal;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The code and message of the error bodies of Google, DigitalOcean and most REST APIs. */
function providerError(text: string): { code?: string; message?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: text || undefined };
  }
  if (!parsed || typeof parsed !== 'object') return {};
  const record = parsed as Record<string, unknown>;
  // Google: { error: { code: 403, message, status: 'PERMISSION_DENIED' } }
  const nested =
    record.error && typeof record.error === 'object'
      ? (record.error as Record<string, unknown>)
      : undefined;
  const source = nested ?? record;
  const code = source.status ?? source.id ?? source.code;
  const message = source.message ?? record.error_description ?? record.error;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

/**
 * One GET of a JSON document: the status is checked, the whole body read
 * and parsed. Throws a SourceRequestError that says whether a retry may
 * help; redirects are not followed, so a bearer token never leaves the
 * host it was meant for.
 */
export async function fetchJson(request: JsonRequest): Promise<JsonResponse> {
  const { operation, secrets = [] } = request;
  const redact = (text: string) => redactSecrets(text, secrets);

  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: 'GET',
      headers: { accept: 'application/json', ...request.headers },
      redirect: 'manual',
      signal: request.signal,
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new SourceNetworkError(operation, redact(describeThrown(error)));
  }

  if (response.status === 401 || response.status === 403) {
    const { code, message } = providerError(text);
    const detail = [code, message].filter(Boolean).join(': ') || 'access denied';
    throw new SourceAuthError(operation, redact(detail), response.status);
  }
  if (response.status < 200 || response.status >= 300) {
    const { code, message } = providerError(text);
    throw new SourceHttpError(operation, response.status, {
      code: code && redact(code),
      message: message && redact(message),
      retryAfterMs: retryAfterMs(name => response.headers.get(name), {
        status: response.status,
      }),
    });
  }
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  } catch (error) {
    throw new SourceResponseError(
      operation,
      `body of ${Buffer.byteLength(text)} bytes is not valid JSON (${describeThrown(error)})`,
    );
  }
}
