import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  readEndpoint,
  readRequestPolicyConfig,
  readSourceBlocks,
  sourceBlockKey,
} from '../http';
import type { PoolSource } from '../types';
import { DoksPoolSource } from './DoksPoolSource';

/**
 * One source per block of `nodepools.sources.doks`:
 * `{ id, token, endpoint?, pageSize?, allowInsecureHttp?, concurrency?, timeoutMs?, maxAttempts?, maxRetryWaitMs?, maxPages? }`.
 */
export function createDoksSources(
  config: Config,
  deps: { logger: LoggerService },
): PoolSource[] {
  return readSourceBlocks(config, 'doks').map(
    (block, index) =>
      new DoksPoolSource({
        id: block.getString('id'),
        token: block.getString('token'),
        endpoint: readEndpoint(block, sourceBlockKey('doks', index)),
        pageSize: block.getOptionalNumber('pageSize'),
        policy: readRequestPolicyConfig(block, sourceBlockKey('doks', index)),
        logger: deps.logger.child({ source: block.getString('id') }),
      }),
  );
}
