import { errorFromFacts, restErrorBody } from './classifyError';
import {
  SourceNetworkError,
  SourceResponseError,
  describeThrown,
  redactSecrets,
} from './errors';

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

  if (response.status < 200 || response.status >= 300) {
    throw errorFromFacts(
      operation,
      {
        status: response.status,
        ...restErrorBody(text),
        header: name => response.headers.get(name),
      },
      redact,
    );
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
