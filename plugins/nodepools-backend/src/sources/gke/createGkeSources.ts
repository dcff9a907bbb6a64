import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readEndpoint, readRequestPolicyConfig, readSourceBlocks, sourceBlockKey } from '../http';
import type { PoolSource } from '../types';
import { GkePoolSource } from './GkePoolSource';
import { googleAccessTokens } from './googleAccessTokens';

/**
 * One source per block of `nodepools.sources.gke`:
 * `{ id, projects, keyFile?, endpoint?, allowInsecureHttp?, concurrency?, timeoutMs?, maxAttempts?, maxRetryWaitMs?, maxPages? }`.
 * Credentials are the service-account key file when `keyFile` is set (its
 * `token_uri` honoured), else Application Default Credentials.
 */
export function createGkeSources(
  config: Config,
  deps: { logger: LoggerService },
): PoolSource[] {
  return readSourceBlocks(config, 'gke').map((block, index) => {
    const id = block.getString('id');
    return new GkePoolSource({
      id,
      projects: block.getStringArray('projects'),
      endpoint: readEndpoint(block, sourceBlockKey('gke', index)),
      getAccessToken: googleAccessTokens({ keyFile: block.getOptionalString('keyFile') }),
      policy: readRequestPolicyConfig(block, sourceBlockKey('gke', index)),
      logger: deps.logger.child({ source: id }),
    });
  });
}
