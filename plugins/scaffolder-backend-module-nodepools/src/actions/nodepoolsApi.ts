import type { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import type {
  CreateRequestBody,
  PoolRequestSpecInput,
  RequestErrorResponse,
  RequestResponse,
  ValidateRequestResponse,
} from '@nodepools/plugin-nodepools-common';

/** An answer of the nodepools API that is not a success, with what it said. */
export class NodepoolsApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<RequestErrorResponse> | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'NodepoolsApiError';
  }
}

/** Calls the nodepools backend as the user who started the task, so its permissions and four-eyes rules apply to them. */
export class NodepoolsRequestClient {
  constructor(private readonly deps: { discovery: DiscoveryService; auth: AuthService }) {}

  validate(spec: PoolRequestSpecInput, credentials: BackstageCredentials): Promise<ValidateRequestResponse> {
    return this.post('/requests/validate', { spec }, credentials);
  }

  create(body: CreateRequestBody, credentials: BackstageCredentials): Promise<RequestResponse> {
    return this.post('/requests', body, credentials);
  }

  private async post<T>(path: string, body: unknown, credentials: BackstageCredentials): Promise<T> {
    const baseUrl = await this.deps.discovery.getBaseUrl('nodepools');
    const { token } = await this.deps.auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'nodepools' });
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = parsed as Partial<RequestErrorResponse> | undefined;
      throw new NodepoolsApiError(response.status, error, error?.error?.message ?? `${response.status} ${response.statusText}`);
    }
    return parsed as T;
  }
}
