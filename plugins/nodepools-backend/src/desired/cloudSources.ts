import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import {
  AnonymousCredential,
  ContainerClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { readEndpoint, readRequestPolicyConfig } from '../sources/http';
import { googleAccessTokens } from '../sources/gke/googleAccessTokens';
import { AzureBlobDesiredSource } from './azure/AzureBlobDesiredSource';
import { desiredBlockKey, readDesiredBlocks, readDesiredEntry, readEntries } from './config';
import { GcsDesiredSource } from './gcs/GcsDesiredSource';
import { S3DesiredSource } from './s3/S3DesiredSource';
import { TerraformCloudDesiredSource } from './tfc/TerraformCloudDesiredSource';
import type { DesiredStateSource } from './types';

interface Deps {
  logger: LoggerService;
}

/** `nodepools.desired.s3`: static keys, a role to assume (as the EKS source), or the default chain. */
function s3Sources(config: Config, { logger }: Deps): DesiredStateSource[] {
  return readDesiredBlocks(config, 's3').map((block, index) => {
    const where = desiredBlockKey('s3', index);
    const id = block.getString('id');
    const region = block.getOptionalString('region') ?? 'us-east-1';
    const roleArn = block.getOptionalString('roleArn');
    const externalId = block.getOptionalString('externalId');
    const accessKeyId = block.getOptionalString('accessKeyId');
    const secretAccessKey = block.getOptionalString('secretAccessKey');
    if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
      throw new Error(`${where}: accessKeyId and secretAccessKey must be set together`);
    }
    let credentials;
    if (accessKeyId && secretAccessKey) {
      credentials = { accessKeyId, secretAccessKey };
    } else if (roleArn) {
      credentials = fromTemporaryCredentials({
        params: { RoleArn: roleArn, ExternalId: externalId, RoleSessionName: `backstage-nodepools-${id}`.slice(0, 64) },
        clientConfig: { region },
      });
    }
    return new S3DesiredSource({
      id,
      bucket: block.getString('bucket'),
      region,
      endpoint: readEndpoint(block, where),
      forcePathStyle: block.getOptionalBoolean('forcePathStyle'),
      credentials,
      secrets: [externalId, secretAccessKey].filter((s): s is string => Boolean(s)),
      states: readEntries(block, 'states', where, s => ({ key: s.getString('key'), ...readDesiredEntry(s) })),
      policy: readRequestPolicyConfig(block, where),
      logger: logger.child({ source: id }),
    });
  });
}

/** `nodepools.desired.gcs`: a service account key file (its token_uri honoured), else application default credentials. */
function gcsSources(config: Config, { logger }: Deps): DesiredStateSource[] {
  return readDesiredBlocks(config, 'gcs').map((block, index) => {
    const where = desiredBlockKey('gcs', index);
    const id = block.getString('id');
    return new GcsDesiredSource({
      id,
      bucket: block.getString('bucket'),
      endpoint: readEndpoint(block, where),
      getAccessToken: googleAccessTokens({ keyFile: block.getOptionalString('keyFile') }),
      states: readEntries(block, 'states', where, s => ({ object: s.getString('object'), ...readDesiredEntry(s) })),
      policy: readRequestPolicyConfig(block, where),
      logger: logger.child({ source: id }),
    });
  });
}

/** An account key, a SAS token, a service principal, or Azure's default chain, in that order. */
function blobCredential(block: Config, where: string): { credential: StorageSharedKeyCredential | AnonymousCredential | TokenCredential; sas?: string; secrets: string[] } {
  const accountName = block.getOptionalString('accountName');
  const accountKey = block.getOptionalString('accountKey');
  const sasToken = block.getOptionalString('sasToken');
  if (accountKey) {
    if (!accountName) throw new Error(`${where}: accountKey needs accountName`);
    return { credential: new StorageSharedKeyCredential(accountName, accountKey), secrets: [accountKey] };
  }
  if (sasToken) return { credential: new AnonymousCredential(), sas: sasToken.replace(/^\?/, ''), secrets: [sasToken] };
  const tenantId = block.getOptionalString('tenantId');
  const clientId = block.getOptionalString('clientId');
  const clientSecret = block.getOptionalString('clientSecret');
  const given = [tenantId, clientId, clientSecret].filter(Boolean).length;
  if (given === 3) return { credential: new ClientSecretCredential(tenantId!, clientId!, clientSecret!), secrets: [clientSecret!] };
  if (given > 0) throw new Error(`${where}: tenantId, clientId and clientSecret must be set together`);
  return { credential: new DefaultAzureCredential(), secrets: [] };
}

/** `nodepools.desired.azureBlob`. */
function azureBlobSources(config: Config, { logger }: Deps): DesiredStateSource[] {
  return readDesiredBlocks(config, 'azureBlob').map((block, index) => {
    const where = desiredBlockKey('azureBlob', index);
    const id = block.getString('id');
    const accountName = block.getOptionalString('accountName');
    const endpoint = readEndpoint(block, where);
    if (!endpoint && !accountName) throw new Error(`${where}: set accountName (or endpoint, the blob service URL)`);
    const serviceUrl = (endpoint ?? `https://${accountName}.blob.core.windows.net`).replace(/\/+$/, '');
    const container = block.getString('container');
    const { credential, sas, secrets } = blobCredential(block, where);
    // The runner retries, with the same policy as every source.
    const pipeline: StoragePipelineOptions = { retryOptions: { maxTries: 1 } };
    const url = `${serviceUrl}/${encodeURIComponent(container)}${sas ? `?${sas}` : ''}`;
    return new AzureBlobDesiredSource({
      id,
      serviceUrl,
      container: new ContainerClient(url, credential, pipeline),
      states: readEntries(block, 'states', where, s => ({ blob: s.getString('blob'), ...readDesiredEntry(s) })),
      secrets,
      policy: readRequestPolicyConfig(block, where),
      logger: logger.child({ source: id }),
    });
  });
}

/** `nodepools.desired.terraformCloud`. */
function terraformCloudSources(config: Config, { logger }: Deps): DesiredStateSource[] {
  return readDesiredBlocks(config, 'terraformCloud').map((block, index) => {
    const where = desiredBlockKey('terraformCloud', index);
    const id = block.getString('id');
    return new TerraformCloudDesiredSource({
      id,
      endpoint: readEndpoint(block, where),
      organization: block.getString('organization'),
      token: block.getString('token'),
      workspaces: readEntries(block, 'workspaces', where, w => ({ name: w.getString('name'), ...readDesiredEntry(w) })),
      policy: readRequestPolicyConfig(block, where),
      logger: logger.child({ source: id }),
    });
  });
}

/** Every desired-state source of a cloud's storage or Terraform Cloud, by kind. */
export const CLOUD_DESIRED_KINDS = {
  s3: s3Sources,
  gcs: gcsSources,
  azureBlob: azureBlobSources,
  terraformCloud: terraformCloudSources,
} as const;
