import type { Config } from '@backstage/config';
import { PROVIDERS, type Provider } from '@nodepools/plugin-nodepools-common';

/**
 * Where a cluster's pools live in its cloud. Pools read from the cluster
 * (Karpenter NodePools, observed nodes) are recorded under this identity so
 * that they line up with the cloud's own pools of the same cluster.
 */
export interface CloudClusterIdentity {
  provider: Provider;
  account?: string;
  region?: string;
  cluster: string;
}

/** The AWS settings of a cluster with `authProvider: aws`. */
export interface AwsClusterAuth {
  /** Role to assume before signing (`assumeRole` or `kubernetes.io/aws-assume-role`). */
  assumeRole?: string;
  externalId?: string;
  /**
   * Cluster id put in the signed token (`kubernetes.io/x-k8s-aws-id`);
   * defaults to the cluster name.
   */
  clusterId: string;
}

/**
 * How nodepools authenticates to a cluster. Holds secrets: it is only ever
 * handed to the token resolver and never serialized.
 */
export interface ClusterAuthSettings {
  provider: string;
  serviceAccountToken?: string;
  aws: AwsClusterAuth;
  /** `kubernetes.googleServiceAccountCredentials`, a service account key as JSON. */
  googleServiceAccountCredentials?: string;
  /** PEM certificate authority, inline (`caData`, base64 as in a kubeconfig). */
  caData?: string;
}

/**
 * One cluster from Backstage's `kubernetes.clusterLocatorMethods` config. Its
 * public fields are safe to log and return; the auth settings are kept in a
 * private field so no serialization of the object can reach them.
 */
export class KubernetesCluster {
  /** The Backstage cluster name: the scope key of every source reading it. */
  readonly name: string;
  readonly title?: string;
  readonly url: string;
  readonly authProvider: string;
  readonly skipTLSVerify: boolean;
  readonly caFile?: string;
  readonly cloudCluster?: CloudClusterIdentity;
  readonly #auth: ClusterAuthSettings;

  constructor(
    description: {
      name: string;
      title?: string;
      url: string;
      skipTLSVerify?: boolean;
      caFile?: string;
      cloudCluster?: CloudClusterIdentity;
    },
    auth: ClusterAuthSettings,
  ) {
    this.name = description.name;
    this.title = description.title;
    this.url = description.url;
    this.authProvider = auth.provider;
    this.skipTLSVerify = description.skipTLSVerify ?? false;
    this.caFile = description.caFile;
    this.cloudCluster = description.cloudCluster;
    this.#auth = auth;
  }

  /** The secrets needed to open a connection; for the token resolver only. */
  authSettings(): ClusterAuthSettings {
    return this.#auth;
  }

  /** The cluster, account and region under which this cluster's pools are recorded. */
  poolIdentity(): { cluster: string; account?: string; region?: string } {
    if (!this.cloudCluster) return { cluster: this.name };
    const { cluster, account, region } = this.cloudCluster;
    return { cluster, account, region };
  }
}

export interface KubernetesClustersConfig {
  clusters: KubernetesCluster[];
  /** Configuration that was ignored, for the plugin to log at start-up. */
  warnings: string[];
}

const LOCATORS_KEY = 'kubernetes.clusterLocatorMethods';
const OVERRIDES_KEY = 'nodepools.kubernetes.clusters';
const AUTH_PROVIDER_ANNOTATION = 'kubernetes.io/auth-provider';
const AWS_ASSUME_ROLE_ANNOTATION = 'kubernetes.io/aws-assume-role';
const AWS_EXTERNAL_ID_ANNOTATION = 'kubernetes.io/aws-external-id';
const AWS_CLUSTER_ID_ANNOTATION = 'kubernetes.io/x-k8s-aws-id';

/**
 * Reads the clusters of every `type: config` cluster locator, the way
 * Backstage's kubernetes backend does, plus nodepools' own per-cluster
 * overrides. Locators of other types (catalog, gke, localKubectlProxy) find
 * clusters at request time and are not read; they are reported as warnings.
 * Invalid config throws an error naming the key, as Backstage's config
 * reader does.
 */
export function readKubernetesClusters(config: Config): KubernetesClustersConfig {
  const warnings: string[] = [];
  const overrides = readCloudClusterOverrides(config);
  const googleServiceAccountCredentials = config.getOptionalString(
    'kubernetes.googleServiceAccountCredentials',
  );
  const clusters: KubernetesCluster[] = [];
  const seen = new Set<string>();

  const locators = config.getOptionalConfigArray(LOCATORS_KEY) ?? [];
  locators.forEach((locator, locatorIndex) => {
    const type = locator.getString('type');
    if (type !== 'config') {
      warnings.push(
        `${LOCATORS_KEY}[${locatorIndex}]: locator type '${type}' is not read by nodepools; only 'config' clusters are synced`,
      );
      return;
    }
    locator.getConfigArray('clusters').forEach((c, clusterIndex) => {
      const where = `${LOCATORS_KEY}[${locatorIndex}].clusters[${clusterIndex}]`;
      const name = c.getString('name');
      if (seen.has(name)) {
        throw new Error(`${where}.name: cluster '${name}' is configured twice`);
      }
      seen.add(name);
      const authMetadata = readAuthMetadata(c, where);
      const provider =
        c.getOptionalString('authProvider') ?? authMetadata[AUTH_PROVIDER_ANNOTATION];
      if (!provider) {
        throw new Error(
          `${where}.authProvider: missing; set serviceAccount, aws, google, googleServiceAccount or azure`,
        );
      }
      clusters.push(
        new KubernetesCluster(
          {
            name,
            title: c.getOptionalString('title'),
            url: c.getString('url'),
            skipTLSVerify: c.getOptionalBoolean('skipTLSVerify'),
            caFile: c.getOptionalString('caFile'),
            cloudCluster: overrides.get(name),
          },
          {
            provider,
            serviceAccountToken: c.getOptionalString('serviceAccountToken'),
            caData: c.getOptionalString('caData'),
            googleServiceAccountCredentials,
            aws: {
              assumeRole:
                c.getOptionalString('assumeRole') ??
                authMetadata[AWS_ASSUME_ROLE_ANNOTATION],
              externalId:
                c.getOptionalString('externalId') ??
                authMetadata[AWS_EXTERNAL_ID_ANNOTATION],
              clusterId: authMetadata[AWS_CLUSTER_ID_ANNOTATION] ?? name,
            },
          },
        ),
      );
    });
  });

  for (const name of overrides.keys()) {
    if (!seen.has(name)) {
      warnings.push(
        `${OVERRIDES_KEY}: cluster '${name}' is not among the configured Kubernetes clusters; its override is ignored`,
      );
    }
  }
  return { clusters, warnings };
}

/**
 * Reads `authMetadata` as one object: its keys contain dots, which Config
 * would take for paths. Only string values are annotations nodepools knows;
 * anything else belongs to other auth strategies and is left alone.
 */
function readAuthMetadata(c: Config, where: string): Record<string, string> {
  const metadata = c.getOptional('authMetadata');
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new Error(`${where}.authMetadata: must be an object`);
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}

function readCloudClusterOverrides(
  config: Config,
): Map<string, CloudClusterIdentity> {
  const overrides = new Map<string, CloudClusterIdentity>();
  const entries = config.getOptionalConfigArray(OVERRIDES_KEY) ?? [];
  entries.forEach((entry, index) => {
    const where = `${OVERRIDES_KEY}[${index}]`;
    const name = entry.getString('name');
    const cloud = entry.getOptionalConfig('cloudCluster');
    if (!cloud) return;
    const provider = cloud.getString('provider');
    if (!(PROVIDERS as readonly string[]).includes(provider)) {
      throw new Error(
        `${where}.cloudCluster.provider: '${provider}' is not one of ${PROVIDERS.join(', ')}`,
      );
    }
    overrides.set(name, {
      provider: provider as Provider,
      account: cloud.getOptionalString('account'),
      region: cloud.getOptionalString('region'),
      cluster: cloud.getString('cluster'),
    });
  });
  return overrides;
}
