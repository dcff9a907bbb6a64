import { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesCluster } from './clusters';

/**
 * A KubeConfig with the single cluster and a bearer token, as Backstage's
 * kubernetes backend builds one per request. `caData` is base64 PEM, as in a
 * kubeconfig file; `caFile` is read by the client.
 */
export function buildKubeConfig(cluster: KubernetesCluster, token: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  const { caData } = cluster.authSettings();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData,
        caFile: cluster.caFile,
      },
    ],
    users: [{ name: 'nodepools', token }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'nodepools' }],
    currentContext: cluster.name,
  });
  return kubeConfig;
}
