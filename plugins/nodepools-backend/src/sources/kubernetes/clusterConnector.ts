import type { KubeConfig } from '@kubernetes/client-node';
import {
  DEFAULT_REQUEST_POLICY,
  SourceAbortedError,
  redactSecrets,
  withDeadline,
} from '../http';
import type { KubernetesCluster } from './clusters';
import { ClusterAuthError, ClusterTokenResolver } from './auth/clusterToken';
import { buildKubeConfig } from './kubeConfig';

/** An open connection to one cluster, valid for one sync. */
export interface ClusterConnection {
  kubeConfig: KubeConfig;
  /** Replaces the connection's secrets in a message with `[redacted]`. */
  redact(message: string): string;
}

/** Secrets shorter than this are too likely to match ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * Turns a configured cluster into a KubeConfig with a fresh token. Tokens
 * from cloud providers expire, so a connection is made for each sync.
 */
export class ClusterConnector {
  private readonly tokens: ClusterTokenResolver;

  constructor(tokens: ClusterTokenResolver = new ClusterTokenResolver()) {
    this.tokens = tokens;
  }

  /**
   * Connects to a cluster. Getting its token (a cloud credential chain, an
   * STS call, a token endpoint) takes at most `timeoutMs` and stops when
   * `signal` aborts, whether or not the credential library listens.
   */
  async connect(
    cluster: KubernetesCluster,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<ClusterConnection> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_POLICY.timeoutMs;
    let token: string;
    try {
      token = await withDeadline(
        `cluster '${cluster.name}': credentials`,
        timeoutMs,
        options.signal,
        () => this.tokens.bearerToken(cluster),
      );
    } catch (error) {
      if (error instanceof ClusterAuthError || error instanceof SourceAbortedError) throw error;
      throw new ClusterAuthError((error as Error).message);
    }
    const secrets = [token, cluster.authSettings().serviceAccountToken].filter(
      (s): s is string => Boolean(s && s.length >= MIN_SECRET_LENGTH),
    );
    return {
      kubeConfig: buildKubeConfig(cluster, token),
      redact: message => redactSecrets(message, secrets),
    };
  }
}
