import { readFile } from 'node:fs/promises';
import { GoogleAuth, type AuthClient } from 'google-auth-library';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Where google-auth-library 10 sends every service account's token request. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Returns a current OAuth access token for the cloud-platform scope. */
export type AccessTokenProvider = () => Promise<string>;

/** The fields of a service account key that decide where its tokens come from. */
interface ServiceAccountKey {
  type?: unknown;
  token_uri?: unknown;
}

/**
 * The token endpoint a service account key names, when it is not Google's
 * public one (a private or sovereign deployment, a test's own endpoint).
 */
function ownTokenEndpoint(key: ServiceAccountKey | undefined): URL | undefined {
  if (key?.type !== 'service_account' || typeof key.token_uri !== 'string') return undefined;
  if (key.token_uri === GOOGLE_TOKEN_URL) return undefined;
  try {
    return new URL(key.token_uri);
  } catch {
    throw new Error(`the service account key's token_uri is not a URL`);
  }
}

async function readKeyFile(keyFile: string): Promise<ServiceAccountKey | undefined> {
  try {
    return JSON.parse(await readFile(keyFile, 'utf8'));
  } catch {
    // google-auth-library reads the file too, and says what is wrong with it.
    return undefined;
  }
}

/**
 * google-auth-library 10 posts every service account's token request to
 * Google's public endpoint and ignores the key's `token_uri`; this sends
 * the client's token requests where the key says instead.
 */
function useTokenEndpoint(client: AuthClient, endpoint: URL) {
  client.transporter.interceptors.request.add({
    resolved: async config => {
      if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(endpoint);
      return config;
    },
  });
}

/**
 * Access tokens for the cloud-platform scope from google-auth-library,
 * which caches and refreshes them: from a service account key (a file, or
 * its JSON), else Application Default Credentials.
 */
export function googleAccessTokens(
  options: { keyFile?: string; credentials?: ServiceAccountKey & Record<string, unknown> } = {},
): AccessTokenProvider {
  const auth = new GoogleAuth({
    keyFile: options.keyFile,
    credentials: options.credentials as never,
    scopes: [CLOUD_PLATFORM_SCOPE],
    // Token requests go out on Node's own fetch, as the API calls do; the
    // library would otherwise load node-fetch through a dynamic ES import.
    clientOptions: { transporterOptions: { fetchImplementation: fetch } },
  });
  let client: Promise<AuthClient> | undefined;
  const prepare = async () => {
    const key = options.credentials ?? (options.keyFile ? await readKeyFile(options.keyFile) : undefined);
    const ready = await auth.getClient();
    const endpoint = ownTokenEndpoint(key);
    if (endpoint) useTokenEndpoint(ready, endpoint);
    return ready;
  };
  return async () => {
    client ??= prepare();
    let ready: AuthClient;
    try {
      ready = await client;
    } catch (error) {
      // A key that could not be loaded may be fixed by the next sync.
      client = undefined;
      throw error;
    }
    const { token } = await ready.getAccessToken();
    if (!token) throw new Error('Google credentials returned no access token');
    return token;
  };
}
