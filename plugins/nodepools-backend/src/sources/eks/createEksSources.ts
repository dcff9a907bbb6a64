import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import {
  baseUrl,
  readEndpoint,
  readRequestPolicyConfig,
  readSourceBlocks,
  sourceBlockKey,
} from '../http';
import type { PoolSource } from '../types';
import { EksPoolSource } from './EksPoolSource';

const ROLE_ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

/**
 * One source per block of `nodepools.sources.eks`:
 * `{ id, accountId?, regions, roleArn?, externalId?, endpoint?, ec2Endpoint?, describeSubnets?,
 *    clusters?, allowInsecureHttp?, concurrency?, timeoutMs?, maxAttempts?, maxRetryWaitMs?, maxPages? }`.
 * With `roleArn` the source assumes that role (with `externalId` when set);
 * otherwise it uses the SDK's default credential chain. The account shown
 * and used in scope keys is `accountId`, else the role's account.
 */
export function createEksSources(
  config: Config,
  deps: { logger: LoggerService },
): PoolSource[] {
  return readSourceBlocks(config, 'eks').map((block, index) => {
    const id = block.getString('id');
    const regions = block.getStringArray('regions');
    const roleArn = block.getOptionalString('roleArn');
    const externalId = block.getOptionalString('externalId');
    const accountId =
      block.getOptionalString('accountId') ?? roleArn?.match(ROLE_ARN_ACCOUNT)?.[1];
    return new EksPoolSource({
      id,
      accountId,
      regions,
      clusters: block.getOptionalStringArray('clusters'),
      endpoint: readEndpoint(block, sourceBlockKey('eks', index)),
      ec2Endpoint: readEc2Endpoint(block, sourceBlockKey('eks', index)),
      describeSubnets: block.getOptionalBoolean('describeSubnets'),
      credentials: roleArn
        ? fromTemporaryCredentials({
            params: {
              RoleArn: roleArn,
              ExternalId: externalId,
              RoleSessionName: `backstage-nodepools-${id}`.slice(0, 64),
            },
            clientConfig: { region: regions[0] },
          })
        : undefined,
      secrets: externalId ? [externalId] : [],
      policy: readRequestPolicyConfig(block, sourceBlockKey('eks', index)),
      logger: deps.logger.child({ source: id }),
    });
  });
}

/** `ec2Endpoint` (for `DescribeSubnets`), held to the same rules as `endpoint`. */
function readEc2Endpoint(block: Config, where: string): string | undefined {
  const endpoint = block.getOptionalString('ec2Endpoint');
  if (endpoint === undefined) return undefined;
  try {
    baseUrl(endpoint);
  } catch (error) {
    throw new Error(`${where}.ec2Endpoint: ${(error as Error).message}`);
  }
  if (new URL(endpoint).protocol === 'http:' && !(block.getOptionalBoolean('allowInsecureHttp') ?? false)) {
    throw new Error(
      `${where}.ec2Endpoint: ${endpoint} is plain HTTP, which would send the source's credentials unencrypted; ` +
        `use https, or set ${where}.allowInsecureHttp: true`,
    );
  }
  return endpoint;
}
