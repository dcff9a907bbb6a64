import { ConfigReader } from '@backstage/config';
import { ACCOUNT, REGION, clusterName } from '../replay/world';

export const EKS_SOURCE_ID = 'eks-bench';
export const KUBERNETES_SOURCE_ID = 'kubernetes';

/**
 * The app config a Backstage user would write for this fleet: one EKS
 * source block with the replay server as its endpoint, and every cluster in
 * `kubernetes.clusterLocatorMethods` as Backstage's kubernetes plugin reads
 * them (service-account auth). Request tuning is left at the defaults.
 */
export function liveSyncConfig(options: { baseUrl: string; clusters: number; token: string }): ConfigReader {
  const clusters = [];
  for (let i = 0; i < options.clusters; i++) {
    const name = clusterName(i);
    clusters.push({
      name,
      url: `${options.baseUrl}/kubernetes/${name}`,
      authProvider: 'serviceAccount',
      serviceAccountToken: options.token,
      skipTLSVerify: true,
    });
  }
  return new ConfigReader({
    nodepools: {
      sources: {
        eks: [{ id: EKS_SOURCE_ID, accountId: ACCOUNT, regions: [REGION], endpoint: options.baseUrl }],
      },
    },
    kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
  });
}

/**
 * The EKS source takes its credentials from the SDK's default chain. The
 * benchmark puts placeholder keys in this process's environment so the
 * chain stops there: whatever credentials the machine has are never read,
 * and the replay server only checks that requests are signed.
 */
export function usePlaceholderAwsCredentials(): void {
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE']) {
    delete process.env[key];
  }
  process.env.AWS_ACCESS_KEY_ID = 'AKIAREPLAYBENCHMARK0';
  process.env.AWS_SECRET_ACCESS_KEY = 'replay-benchmark-placeholder-secret-key';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
}
