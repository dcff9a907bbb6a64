import type { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesCluster } from './clusters';
import { ClusterTokenResolver } from './auth/clusterToken';
import { buildKubeConfig } from './kubeConfig';

/** An open connection to one cluster, valid for one sync. */
export interface ClusterConnection {
  kubeConfig: KubeConfig;
  /** Replaces the connection's secrets in a message with `***`. */
  redact(message: string): string;
}

/**
 * Turns a configured cluster into a KubeConfig with a fresh token. Tokens
 * from cloud providers expire, so a connection is made for each sync.
 */
export class ClusterConnector {
  private readonly tokens: ClusterTokenResolver;

  constructor(tokens: ClusterTokenResolver = new ClusterTokenResolver()) {
    this.tokens = tokens;
  }

  async connect(cluster: KubernetesCluster): Promise<ClusterConnection> {
    const token = await this.tokens.bearerToken(cluster);
    const secrets = [token, cluster.authSettings().serviceAccountToken].filter(
      (s): s is string => Boolean(s && s.length >= 8),
    );
    return {
      kubeConfig: buildKubeConfig(cluster, token),
      redact: message =>
        secrets.reduce((text, secret) => text.split(secret).join('***'), message),
    };
  }
}

/**
 * Runs `work` for each item with at most `limit` running at once, keeping the
 * results in input order.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker),
  );
  return results;
}
