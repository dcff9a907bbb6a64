import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readRequestPolicyConfig, readSourceBlocks } from '../http';
import type { PoolSource } from '../types';
import { DoksPoolSource } from './DoksPoolSource';

/**
 * One source per block of `nodepools.sources.doks`:
 * `{ id, token, endpoint?, pageSize?, concurrency?, timeoutMs?, maxAttempts?, maxRetryWaitMs? }`.
 */
export function createDoksSources(
  config: Config,
  deps: { logger: LoggerService },
): PoolSource[] {
  return readSourceBlocks(config, 'doks').map(
    block =>
      new DoksPoolSource({
        id: block.getString('id'),
        token: block.getString('token'),
        endpoint: block.getOptionalString('endpoint'),
        pageSize: block.getOptionalNumber('pageSize'),
        policy: readRequestPolicyConfig(block),
        logger: deps.logger.child({ source: block.getString('id') }),
      }),
  );
}
