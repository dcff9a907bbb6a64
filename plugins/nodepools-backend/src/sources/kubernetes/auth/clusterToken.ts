import { readFile } from 'node:fs/promises';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { googleAccessTokens, type AccessTokenProvider } from '../../gke/googleAccessTokens';
import type { AwsClusterAuth, KubernetesCluster } from '../clusters';
import type { AwsSigningCredentials } from './awsSigV4';
import { EKS_TOKEN_REUSE_MS, eksBearerToken } from './eksToken';

/** The auth providers a background sync can serve, by Backstage's names. */
export const SUPPORTED_AUTH_PROVIDERS = [
  'serviceAccount',
  'aws',
  'google',
  'googleServiceAccount',
  'azure',
] as const;

/**
 * Raised for an auth provider nodepools cannot use. The others (`oidc`, `aks`
 * and custom strategies) forward the signed-in user's token, which a
 * scheduled sync does not have.
 */
export class UnsupportedAuthProviderError extends Error {
  constructor(cluster: string, provider: string) {
    super(
      `cluster '${cluster}': auth provider '${provider}' is not supported by nodepools for now ` +
        `(supported: ${SUPPORTED_AUTH_PROVIDERS.join(', ')}); the cluster is skipped`,
    );
    this.name = 'UnsupportedAuthProviderError';
  }
}

/** A token could not be obtained; the message never holds a credential. */
export class ClusterAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterAuthError';
  }
}

/** Where each cloud's credentials come from; each part can be replaced. */
export interface ClusterCredentialSources {
  /** AWS credentials to sign EKS tokens with, after assuming the role if one is set. */
  awsCredentials(auth: AwsClusterAuth, region: string): Promise<AwsSigningCredentials>;
  /** An OAuth access token for the GKE API server (cloud-platform scope). */
  googleAccessToken(serviceAccountKeyJson?: string): Promise<string>;
  /** Credential for AKS clusters with Entra ID integration. */
  azureCredential(): TokenCredential;
  /** The mounted service account token used when `serviceAccountToken` is not set. */
  inClusterTokenPath: string;
  now(): Date;
}

/** The well-known Entra ID application of the AKS API server. */
const AKS_SERVER_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';
const IN_CLUSTER_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const DEFAULT_STS_REGION = 'us-east-1';

/** The credential chains the cloud SDKs document as their defaults. */
export function defaultCredentialSources(): ClusterCredentialSources {
  const googleTokens = new Map<string, AccessTokenProvider>();
  let azure: TokenCredential | undefined;
  return {
    async awsCredentials(auth, region) {
      const base = fromNodeProviderChain();
      const provider = auth.assumeRole
        ? fromTemporaryCredentials({
            masterCredentials: base,
            clientConfig: { region },
            params: {
              RoleArn: auth.assumeRole,
              ExternalId: auth.externalId,
              RoleSessionName: 'backstage-nodepools',
            },
          })
        : base;
      return provider();
    },
    async googleAccessToken(serviceAccountKeyJson) {
      const key = serviceAccountKeyJson ?? '';
      let tokens = googleTokens.get(key);
      if (!tokens) {
        tokens = googleAccessTokens(
          serviceAccountKeyJson ? { credentials: parseGoogleKey(serviceAccountKeyJson) } : {},
        );
        googleTokens.set(key, tokens);
      }
      return tokens();
    },
    azureCredential() {
      azure ??= new DefaultAzureCredential();
      return azure;
    },
    inClusterTokenPath: IN_CLUSTER_TOKEN_PATH,
    now: () => new Date(),
  };
}

function parseGoogleKey(json: string): Record<string, string> {
  try {
    return JSON.parse(json);
  } catch {
    // The JSON parser's message quotes the input, which is a private key.
    throw new Error('kubernetes.googleServiceAccountCredentials is not valid JSON');
  }
}

/**
 * Turns a cluster's configured auth into a bearer token for its API server,
 * following what each of Backstage's kubernetes auth strategies does.
 */
export class ClusterTokenResolver {
  private readonly sources: ClusterCredentialSources;
  private readonly eksTokens = new Map<string, { token: string; until: number }>();

  constructor(sources: Partial<ClusterCredentialSources> = {}) {
    this.sources = { ...defaultCredentialSources(), ...sources };
  }

  async bearerToken(cluster: KubernetesCluster): Promise<string> {
    const auth = cluster.authSettings();
    switch (auth.provider) {
      case 'serviceAccount':
        return auth.serviceAccountToken ?? (await this.inClusterToken(cluster));
      case 'aws':
        return this.eksToken(cluster);
      // Backstage's `google` forwards the signed-in user's Google token; a
      // scheduled sync has no user, so both use the backend's own Google
      // credentials (the configured key, else application default credentials).
      case 'google':
      case 'googleServiceAccount':
        return this.fromCloud(cluster, 'Google', () =>
          this.sources.googleAccessToken(auth.googleServiceAccountCredentials),
        );
      case 'azure':
        return this.fromCloud(cluster, 'Azure', async () => {
          const token = await this.sources
            .azureCredential()
            .getToken(AKS_SERVER_SCOPE);
          if (!token) throw new Error('Azure credential returned no token');
          return token.token;
        });
      default:
        throw new UnsupportedAuthProviderError(cluster.name, auth.provider);
    }
  }

  private async inClusterToken(cluster: KubernetesCluster): Promise<string> {
    try {
      return (await readFile(this.sources.inClusterTokenPath, 'utf8')).trim();
    } catch {
      throw new ClusterAuthError(
        `cluster '${cluster.name}': authProvider serviceAccount has no serviceAccountToken ` +
          `and no mounted service account token was found`,
      );
    }
  }

  private async eksToken(cluster: KubernetesCluster): Promise<string> {
    const auth = cluster.authSettings().aws;
    const cacheKey = `${cluster.name}\u0000${auth.assumeRole ?? ''}`;
    const now = this.sources.now();
    const cached = this.eksTokens.get(cacheKey);
    if (cached && cached.until > now.getTime()) return cached.token;

    const region = stsRegion(cluster);
    const credentials = await this.fromCloud(cluster, 'AWS', () =>
      this.sources.awsCredentials(auth, region),
    );
    const token = eksBearerToken({
      clusterId: auth.clusterId,
      credentials,
      region,
      now,
    });
    this.eksTokens.set(cacheKey, { token, until: now.getTime() + EKS_TOKEN_REUSE_MS });
    return token;
  }

  private async fromCloud<T>(
    cluster: KubernetesCluster,
    cloud: string,
    get: () => Promise<T>,
  ): Promise<T> {
    try {
      return await get();
    } catch (error) {
      throw new ClusterAuthError(
        `cluster '${cluster.name}': could not get ${cloud} credentials: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}

/** The STS region to sign in: the cluster's own when known, as the regional endpoint is closest. */
function stsRegion(cluster: KubernetesCluster): string {
  if (cluster.cloudCluster?.provider === 'eks' && cluster.cloudCluster.region) {
    return cluster.cloudCluster.region;
  }
  return process.env.AWS_REGION ?? DEFAULT_STS_REGION;
}
