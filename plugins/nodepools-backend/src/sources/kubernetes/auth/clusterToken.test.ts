import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { KubernetesCluster, type ClusterAuthSettings } from '../clusters';
import {
  ClusterAuthError,
  ClusterTokenResolver,
  UnsupportedAuthProviderError,
  type ClusterCredentialSources,
} from './clusterToken';

function cluster(
  auth: Partial<ClusterAuthSettings> & { provider: string },
  cloudCluster?: KubernetesCluster['cloudCluster'],
) {
  return new KubernetesCluster(
    { name: 'c1', url: 'https://c1.example', cloudCluster },
    { aws: { clusterId: 'c1' }, ...auth },
  );
}

const AWS_KEYS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token-value',
};

/** Credential sources that answer from memory and record what they were asked. */
function sources(overrides: Partial<ClusterCredentialSources> = {}) {
  const calls: string[] = [];
  const base: ClusterCredentialSources = {
    async awsCredentials(auth, region) {
      calls.push(`aws ${auth.assumeRole ?? '-'} ${auth.externalId ?? '-'} ${region}`);
      return AWS_KEYS;
    },
    async googleAccessToken(key) {
      calls.push(`google ${key ? 'key' : 'adc'}`);
      return 'ya29.google-token';
    },
    azureCredential(): TokenCredential {
      return {
        getToken: async scopes => {
          calls.push(`azure ${scopes}`);
          return { token: 'azure-token', expiresOnTimestamp: Date.now() + 3600_000 };
        },
      };
    },
    inClusterTokenPath: '/nonexistent/token',
    now: () => new Date('2025-01-01T00:00:00Z'),
  };
  return { calls, sources: { ...base, ...overrides } };
}

describe('ClusterTokenResolver', () => {
  it('uses the configured service account token', async () => {
    const resolver = new ClusterTokenResolver(sources().sources);
    await expect(
      resolver.bearerToken(cluster({ provider: 'serviceAccount', serviceAccountToken: 'sa-token' })),
    ).resolves.toBe('sa-token');
  });

  it('falls back to the mounted service account token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nodepools-token-'));
    try {
      const path = join(dir, 'token');
      await writeFile(path, 'mounted-token\n');
      const resolver = new ClusterTokenResolver(sources({ inClusterTokenPath: path }).sources);
      await expect(resolver.bearerToken(cluster({ provider: 'serviceAccount' }))).resolves.toBe(
        'mounted-token',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says what is missing when there is no service account token at all', async () => {
    const resolver = new ClusterTokenResolver(sources().sources);
    const failure = resolver.bearerToken(cluster({ provider: 'serviceAccount' }));
    await expect(failure).rejects.toThrow(ClusterAuthError);
    await expect(failure).rejects.toThrow(
      "cluster 'c1': authProvider serviceAccount has no serviceAccountToken and no mounted service account token was found",
    );
  });

  it('signs an EKS token in the cluster region after assuming the role, and reuses it', async () => {
    const { calls, sources: s } = sources();
    const resolver = new ClusterTokenResolver(s);
    const eks = new KubernetesCluster(
      {
        name: 'prod-use1',
        url: 'https://x.eks.amazonaws.com',
        cloudCluster: { provider: 'eks', account: '1', region: 'eu-central-1', cluster: 'prod' },
      },
      {
        provider: 'aws',
        aws: { assumeRole: 'arn:aws:iam::1:role/r', externalId: 'ext', clusterId: 'prod' },
      },
    );
    const token = await resolver.bearerToken(eks);
    const url = new URL(
      Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'),
    );
    expect(url.host).toBe('sts.eu-central-1.amazonaws.com');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session-token-value');
    expect(await resolver.bearerToken(eks)).toBe(token);
    expect(calls).toEqual(['aws arn:aws:iam::1:role/r ext eu-central-1']);
  });

  it('asks Google for a cloud-platform token, with the configured key when there is one', async () => {
    const { calls, sources: s } = sources();
    const resolver = new ClusterTokenResolver(s);
    await expect(resolver.bearerToken(cluster({ provider: 'google' }))).resolves.toBe(
      'ya29.google-token',
    );
    await resolver.bearerToken(
      cluster({ provider: 'googleServiceAccount', googleServiceAccountCredentials: '{"type":"service_account"}' }),
    );
    expect(calls).toEqual(['google adc', 'google key']);
  });

  it('asks Azure for a token of the AKS server application', async () => {
    const { calls, sources: s } = sources();
    const resolver = new ClusterTokenResolver(s);
    await expect(resolver.bearerToken(cluster({ provider: 'azure' }))).resolves.toBe('azure-token');
    expect(calls).toEqual(['azure 6dae42f8-4368-4678-94ff-3960e28e3630/.default']);
  });

  it('names the cluster and the cloud when credentials cannot be had', async () => {
    const resolver = new ClusterTokenResolver(
      sources({
        awsCredentials: async () => {
          throw new Error('Could not load credentials from any providers');
        },
      }).sources,
    );
    await expect(resolver.bearerToken(cluster({ provider: 'aws' }))).rejects.toThrow(
      "cluster 'c1': could not get AWS credentials: Could not load credentials from any providers",
    );
  });

  it.each(['oidc', 'aks', 'customAuth'])('refuses the %s provider with a clear error', async provider => {
    const resolver = new ClusterTokenResolver(sources().sources);
    const failure = resolver.bearerToken(cluster({ provider }));
    await expect(failure).rejects.toThrow(UnsupportedAuthProviderError);
    await expect(failure).rejects.toThrow(
      `cluster 'c1': auth provider '${provider}' is not supported by nodepools for now ` +
        '(supported: serviceAccount, aws, google, googleServiceAccount, azure); the cluster is skipped',
    );
  });

  it('does not echo a malformed Google key in its error', async () => {
    const resolver = new ClusterTokenResolver({ inClusterTokenPath: '/nonexistent/token' });
    const key = '{"private_key": "-----BEGIN PRIVATE KEY-----MIIE';
    const failure = resolver.bearerToken(
      cluster({ provider: 'googleServiceAccount', googleServiceAccountCredentials: key }),
    );
    await expect(failure).rejects.toThrow(
      "cluster 'c1': could not get Google credentials: kubernetes.googleServiceAccountCredentials is not valid JSON",
    );
    await expect(failure).rejects.not.toThrow(/PRIVATE KEY/);
  });
});
