import {
  SourceNetworkError,
  describeThrown,
  errorFromFacts,
  redactSecrets,
  restErrorBody,
} from '../sources/http';

export interface TextRequest {
  url: string;
  /** Names the call in errors, e.g. `GET gs://bucket/prod.tfstate`. */
  operation: string;
  headers?: Record<string, string>;
  secrets?: ReadonlyArray<string | undefined>;
  signal?: AbortSignal;
  /**
   * Follow redirects (a signed download URL that redirects to storage);
   * Node's fetch drops the Authorization header when one leaves the origin.
   */
  follow?: boolean;
}

/** A body read whole as text, or `notModified` for a 304 to a conditional request. */
export type TextResponse = { notModified: true } | { notModified: false; text: string; headers: Headers };

/**
 * One GET of a document as text: a state file or a manifest, not parsed
 * here. Errors say whether a retry may help and quote only the provider's
 * error text (clipped, secrets removed), never a body that was read.
 */
export async function fetchText(request: TextRequest): Promise<TextResponse> {
  const redact = (text: string) => redactSecrets(text, request.secrets ?? []);
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: 'GET',
      headers: request.headers,
      redirect: request.follow ? 'follow' : 'manual',
      signal: request.signal,
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new SourceNetworkError(request.operation, redact(describeThrown(error)));
  }
  if (response.status === 304) return { notModified: true };
  if (response.status < 200 || response.status >= 300) {
    throw errorFromFacts(
      request.operation,
      { status: response.status, ...restErrorBody(text), header: name => response.headers.get(name) },
      redact,
    );
  }
  return { notModified: false, text, headers: response.headers };
}
