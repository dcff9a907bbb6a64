import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { GoogleAuth } from 'google-auth-library';
import { readRequestPolicyConfig, readSourceBlocks } from '../http';
import type { PoolSource } from '../types';
import { GkePoolSource, type AccessTokenProvider } from './GkePoolSource';

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Tokens from google-auth-library, which caches and refreshes them. */
export function googleAccessTokenProvider(auth: GoogleAuth): AccessTokenProvider {
  return async () => {
    const token = await auth.getAccessToken();
    if (!token) throw new Error('Google credentials returned no access token');
    return token;
  };
}

/**
 * One source per block of `nodepools.sources.gke`:
 * `{ id, projects, keyFile?, endpoint?, concurrency?, timeoutMs?, maxAttempts?, maxRetryWaitMs? }`.
 * Credentials are the service-account key file when `keyFile` is set, else
 * Application Default Credentials.
 */
export function createGkeSources(
  config: Config,
  deps: { logger: LoggerService },
): PoolSource[] {
  return readSourceBlocks(config, 'gke').map(block => {
    const id = block.getString('id');
    const auth = new GoogleAuth({
      keyFile: block.getOptionalString('keyFile'),
      scopes: [CLOUD_PLATFORM_SCOPE],
    });
    return new GkePoolSource({
      id,
      projects: block.getStringArray('projects'),
      endpoint: block.getOptionalString('endpoint'),
      getAccessToken: googleAccessTokenProvider(auth),
      policy: readRequestPolicyConfig(block),
      logger: deps.logger.child({ source: id }),
    });
  });
}
