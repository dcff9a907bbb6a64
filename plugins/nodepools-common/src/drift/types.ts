import type { DesiredCluster, DesiredField, DesiredFormat, DesiredPool } from '../desired/types';
import type { NodePool, PoolSpec, Provider } from '../model/pool';
import type { DriftSemantics } from './semantics';

/** Why a finding exists. */
export const DRIFT_CAUSES = [
  /** A field of the pool differs from what the IaC declares. */
  'changed',
  /** The cloud has a pool no desired-state source declares (a click-ops pool). */
  'not-in-iac',
  /** A desired-state source declares a pool the cloud does not have. */
  'declared-not-found',
  /** The pool's nodes are more or fewer than its autoscaler range or fixed size allows. */
  'node-count',
  /** Kubelets older than the control plane's supported skew, or newer than it. */
  'version-skew',
  /** Nodes on an older kubelet than their pool's version, or on mixed OS images. */
  'node-image',
  /** Nodes in zones the pool does not declare. */
  'node-zones',
  /** Nodes missing labels of their pool, or carrying labels it does not have. */
  'node-labels',
  /** Nodes missing taints of their pool, or carrying taints it does not have. */
  'node-taints',
] as const;
export type DriftCause = (typeof DRIFT_CAUSES)[number];

export const DRIFT_SEVERITIES = ['high', 'medium', 'low'] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

/** A pool field, the pool as a whole, or what its nodes show. */
export type DriftField =
  | DesiredField
  | 'pool'
  | 'nodes.count'
  | 'nodes.kubeletVersion'
  | 'nodes.osImage'
  | 'nodes.zones'
  | 'nodes.labels'
  | 'nodes.taints';

/**
 * One way to resolve a finding: shell commands (each also as its argv, so
 * nothing has to be re-parsed), an HCL or YAML snippet, or a note when
 * there is no command for it.
 */
export interface Resolution {
  kind: 'shell' | 'hcl' | 'yaml' | 'note';
  text: string;
  commands?: string[][];
  /** What to know before using it, for people. */
  note?: string;
}

/** Where a desired value comes from. */
export interface DesiredOrigin {
  format: DesiredFormat;
  source: string;
  address: string;
  resourceType: string;
}

export interface DriftFinding {
  /** Stable across runs: a hash of the pool ref, the address, the field and the cause. */
  id: string;
  /** The cloud pool's ref, or the declared pool's when the cloud has none. */
  ref: string;
  provider: Provider;
  cluster: string;
  pool: string;
  field: DriftField;
  cause: DriftCause;
  severity: DriftSeverity;
  /** One line for people. */
  message: string;
  desired?: unknown;
  actual?: unknown;
  origin?: DesiredOrigin;
  /** Make the cloud match the IaC again. */
  revert?: Resolution;
  /** Make the IaC match the cloud. */
  adopt?: Resolution;
}

/** A pool as the inventory has it: a parsed export, or a stored pool with its observed nodes. */
export type ActualPool = Omit<PoolSpec, 'raw'> & Partial<Pick<NodePool, 'ref' | 'observed' | 'tombstonedAt'>>;

/** A control plane's version, from the cloud's cluster record or the cluster's `/version`. */
export interface ControlPlaneVersion {
  provider?: Provider;
  account?: string;
  region?: string;
  cluster: string;
  version: string;
  /** Where the version was read, for the finding. */
  source?: string;
}

export interface DriftInput {
  desired: readonly DesiredPool[];
  actual: readonly ActualPool[];
  /** Clusters declared next to the pools: they widen the scope and give control-plane versions. */
  clusters?: readonly DesiredCluster[];
  /** Known control-plane versions; they win over the declared clusters' versions. */
  controlPlanes?: readonly ControlPlaneVersion[];
}

export interface DriftOptions {
  semantics?: (provider: Provider) => DriftSemantics;
  /** Tag keys that name a pool's owner: the only tags compared. */
  ownerTagKeys?: readonly string[];
  /**
   * Which cloud pools the report covers: those in clusters a desired source
   * declares pools or clusters in (the default), or all of them.
   */
  scope?: 'declared-clusters' | 'all';
}

export interface DriftReport {
  findings: DriftFinding[];
  /** Declared pools matched to a cloud pool. */
  matched: number;
  /** What could not be decided (a declared pool matching several cloud pools). */
  notes: string[];
}
