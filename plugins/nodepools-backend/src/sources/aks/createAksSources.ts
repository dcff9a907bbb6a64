import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ClientSecretCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import { readRequestPolicyConfig, readSourceBlocks } from '../http';
import type { PoolSource } from '../types';
import { AksPoolSource } from './AksPoolSource';

/**
 * A client secret when the block names all of tenant, client and secret;
 * otherwise Azure's default chain (environment, workload identity, managed
 * identity, Azure CLI...). Half a client-secret setup is a mistake, not a
 * reason to fall back silently.
 */
function credentialFor(block: Config): TokenCredential {
  const tenantId = block.getOptionalString('tenantId');
  const clientId = block.getOptionalString('clientId');
  const clientSecret = block.getOptionalString('clientSecret');
  const given = [tenantId, clientId, clientSecret].filter(Boolean).length;
  if (given === 3) {
    return new ClientSecretCredential(tenantId!, clientId!, clientSecret!);
  }
  if (given > 0) {
    throw new Error(
      `AKS source '${block.getString('id')}': tenantId, clientId and clientSecret must be set together`,
    );
  }
  return new DefaultAzureCredential();
}

/**
 * One source per block of `nodepools.sources.aks`:
 * `{ id, subscriptionId, tenantId?, clientId?, clientSecret?, endpoint?,
 *    concurrency?, timeoutMs?, maxAttempts?, maxRetryWaitMs? }`.
 */
export function createAksSources(
  config: Config,
  deps: { logger: LoggerService },
): PoolSource[] {
  return readSourceBlocks(config, 'aks').map(block => {
    const id = block.getString('id');
    const clientSecret = block.getOptionalString('clientSecret');
    return new AksPoolSource({
      id,
      subscriptionId: block.getString('subscriptionId'),
      credential: credentialFor(block),
      endpoint: block.getOptionalString('endpoint'),
      secrets: clientSecret ? [clientSecret] : [],
      policy: readRequestPolicyConfig(block),
      logger: deps.logger.child({ source: id }),
    });
  });
}
