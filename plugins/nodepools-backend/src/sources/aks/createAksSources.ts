import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { ContainerServiceClientOptionalParams } from '@azure/arm-containerservice';
import {
  AzureAuthorityHosts,
  ClientSecretCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import { readEndpoint, readRequestPolicyConfig, readSourceBlocks, sourceBlockKey } from '../http';
import type { PoolSource } from '../types';
import { AksPoolSource } from './AksPoolSource';

/** The hosts Microsoft's clients know; any other authority is not in its instance discovery. */
const KNOWN_AUTHORITY_HOSTS = new Set<string>(
  Object.values(AzureAuthorityHosts).map(host => new URL(host).host),
);

/** TLS settings for the Azure endpoints, e.g. a private CA to trust. */
export type AzureTlsOptions = ContainerServiceClientOptionalParams['tlsOptions'];

/** Entra ID refuses to hand out tokens over plain HTTP, so the authority is an https origin. */
function readAuthorityHost(block: Config, where: string): URL | undefined {
  const value = block.getOptionalString('authorityHost');
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.pathname.length > 1 || url.search) {
    throw new Error(
      `${where}.authorityHost: must be an https origin such as https://login.microsoftonline.us, got ${JSON.stringify(value)}`,
    );
  }
  return url;
}

/**
 * A client secret when the block names all of tenant, client and secret;
 * otherwise Azure's default chain (environment, workload identity, managed
 * identity, Azure CLI...). Half a client-secret setup is a mistake, not a
 * reason to fall back silently. `authorityHost` names the Entra ID host of
 * a sovereign or private cloud.
 */
function credentialFor(
  block: Config,
  where: string,
  tlsOptions: AzureTlsOptions,
): TokenCredential {
  const tenantId = block.getOptionalString('tenantId');
  const clientId = block.getOptionalString('clientId');
  const clientSecret = block.getOptionalString('clientSecret');
  const authorityHost = readAuthorityHost(block, where);
  const options = {
    tlsOptions,
    ...(authorityHost
      ? {
          authorityHost: authorityHost.origin,
          disableInstanceDiscovery: !KNOWN_AUTHORITY_HOSTS.has(authorityHost.host),
        }
      : {}),
  };
  const given = [tenantId, clientId, clientSecret].filter(Boolean).length;
  if (given === 3) {
    return new ClientSecretCredential(tenantId!, clientId!, clientSecret!, options);
  }
  if (given > 0) {
    throw new Error(
      `AKS source '${block.getString('id')}': tenantId, clientId and clientSecret must be set together`,
    );
  }
  return new DefaultAzureCredential(options);
}

/**
 * One source per block of `nodepools.sources.aks`:
 * `{ id, subscriptionId, tenantId?, clientId?, clientSecret?, authorityHost?,
 *    endpoint?, allowInsecureHttp?, concurrency?, timeoutMs?, maxAttempts?, maxRetryWaitMs?, maxPages? }`.
 * `tlsOptions` applies to Resource Manager and to the authority alike.
 */
export function createAksSources(
  config: Config,
  deps: { logger: LoggerService; tlsOptions?: AzureTlsOptions },
): PoolSource[] {
  return readSourceBlocks(config, 'aks').map((block, index) => {
    const id = block.getString('id');
    const clientSecret = block.getOptionalString('clientSecret');
    return new AksPoolSource({
      id,
      subscriptionId: block.getString('subscriptionId'),
      credential: credentialFor(block, sourceBlockKey('aks', index), deps.tlsOptions),
      endpoint: readEndpoint(block, sourceBlockKey('aks', index)),
      clientOptions: deps.tlsOptions ? { tlsOptions: deps.tlsOptions } : undefined,
      secrets: clientSecret ? [clientSecret] : [],
      policy: readRequestPolicyConfig(block, sourceBlockKey('aks', index)),
      logger: deps.logger.child({ source: id }),
    });
  });
}
