import type { PoolSpec, Provider } from '../model/pool';

/** The formats a desired-state file can be in. */
export const DESIRED_FORMATS = [
  'terraform-state',
  'terraform-plan',
  'eksctl',
  'manifests',
] as const;
export type DesiredFormat = (typeof DESIRED_FORMATS)[number];

/** Fields of the pool model that infrastructure-as-code can declare. */
export const DESIRED_FIELDS = [
  'machineTypes',
  'autoscaling',
  'nodeCount',
  'labels',
  'taints',
  'mode',
  'capacityType',
  'os',
  'arch',
  'kubernetesVersion',
  'nodeImageVersion',
  'zones',
  'tags',
  'requirements',
  'limits',
  'maxPodsPerNode',
  'diskSizeGb',
] as const;
export type DesiredField = (typeof DESIRED_FIELDS)[number];

/** Each declared field, with the attribute path in the source that declares it. */
export type DeclaredAttributes = Partial<Record<DesiredField, string>>;

/**
 * What the cloud's command line needs to address a pool beyond its cluster
 * and name: the GKE location (zone or region), the Azure resource group,
 * the EKS node group ARN, the DigitalOcean cluster id.
 */
export interface PoolTarget {
  location?: string;
  resourceGroup?: string;
  arn?: string;
  clusterId?: string;
}

/**
 * A pool as infrastructure-as-code declares it: the pool model's identity,
 * plus only the fields the source sets. A field that is absent (or null in
 * the source) is left to the provider's default and is never drift.
 */
export interface DesiredPool extends Partial<Pick<PoolSpec, DesiredField>> {
  provider: Provider;
  account?: string;
  region?: string;
  cluster: string;
  name: string;
  /** The pool's ref, as `poolRef` builds it. */
  ref: string;
  format: DesiredFormat;
  /** The file or URL the pool was read from. */
  source: string;
  /**
   * Where in the source: a Terraform resource address with its module path
   * and instance key (`module.a.aws_eks_node_group.b["x"]`), an eksctl path
   * (`managedNodeGroups[2]`) or a manifest document (`documents[1]`).
   */
  address: string;
  /**
   * The resource or section the pool is declared in: `aws_eks_node_group`,
   * `azurerm_kubernetes_cluster.default_node_pool`, `managedNodeGroups`,
   * `kubernetes_manifest`, `NodePool`...
   */
  resourceType: string;
  declared: DeclaredAttributes;
  /**
   * GKE counts nodes per zone: `node_count` and `min_node_count` /
   * `max_node_count` as declared, before they are multiplied by the zones.
   */
  perZone?: { nodeCount?: number; min?: number; max?: number };
  /** The provider upgrades the pool's nodes by itself (GKE auto-upgrade). */
  autoUpgrade?: boolean;
  target?: PoolTarget;
  /**
   * False for a pool declared on its own (an approved request) rather than
   * in its cluster's IaC: the cluster's other pools are not expected to be
   * declared because of it, so they are not "not in IaC" findings.
   */
  declaresCluster?: false;
}

/** A cluster declared next to its pools: where pool resources find their cluster, and its version. */
export interface DesiredCluster {
  provider: Provider;
  account?: string;
  region?: string;
  name: string;
  /** The provider's id of the cluster (ARM id, DigitalOcean UUID, GKE path). */
  id?: string;
  /** The control plane's Kubernetes version as declared (or last applied). */
  kubernetesVersion?: string;
  /** The provider upgrades the cluster and its pools by itself (DOKS auto_upgrade). */
  autoUpgrade?: boolean;
  format: DesiredFormat;
  source: string;
  address: string;
  /** Azure resource group, GKE location. */
  target?: PoolTarget;
}

/** Something the reader left out on purpose, said once so the user knows. */
export interface DesiredNote {
  source: string;
  address?: string;
  message: string;
}

export interface DesiredRead {
  format: DesiredFormat;
  pools: DesiredPool[];
  clusters: DesiredCluster[];
  notes: DesiredNote[];
}

/**
 * What the caller knows that the file may not say: a manifest does not name
 * its cluster; a plan of new resources has no ARN. Values found in the file
 * win over these unless `override` is set, which makes these win.
 */
export interface DesiredContext {
  /** The file name or URL, for messages and each pool's `source`. */
  source?: string;
  cluster?: string;
  region?: string;
  account?: string;
  override?: boolean;
}

/** One problem with a desired-state file, placed as exactly as the file allows. */
export interface DesiredIssue {
  source?: string;
  /** The resource address or document (`documents[2]`) the problem is in. */
  address?: string;
  /** Dotted path of the attribute within the resource. */
  field?: string;
  message: string;
}

/** Renders an issue as one line: `file: address: field 'x': message`. */
export function formatDesiredIssue(issue: DesiredIssue): string {
  const where = [
    issue.source,
    issue.address,
    issue.field ? `field '${issue.field}'` : undefined,
  ].filter(Boolean);
  return where.length ? `${where.join(': ')}: ${issue.message}` : issue.message;
}

/** A desired-state file that cannot be used; carries every problem found. */
export class DesiredReadError extends Error {
  readonly issues: DesiredIssue[];
  constructor(issues: DesiredIssue[]) {
    super(
      issues.length === 1
        ? formatDesiredIssue(issues[0])
        : `${issues.length} problems: ${issues.map(formatDesiredIssue).join('; ')}`,
    );
    this.name = 'DesiredReadError';
    this.issues = issues;
  }
}
