import type { DriftCause, DriftField, DriftSeverity } from './types';

/**
 * Severity rules. A finding's severity depends on its cause and, for
 * changed fields, on the field:
 *
 * | cause                | field                                                                  | severity | why                                                                 |
 * | -------------------- | ---------------------------------------------------------------------- | -------- | ------------------------------------------------------------------- |
 * | `declared-not-found` | pool                                                                   | high     | the next apply creates the pool again, or fails                     |
 * | `changed`            | taints, capacityType, os, arch, mode, machineTypes, requirements       | high     | decides what may run where, or makes the next apply replace the pool |
 * | `changed`            | autoscaling, nodeCount, labels, zones, kubernetesVersion, limits       | medium   | the next apply reverts it: capacity or placement moves              |
 * | `changed`            | tags, maxPodsPerNode, diskSizeGb, nodeImageVersion                     | low      | bookkeeping and sizing details                                      |
 * | `not-in-iac`         | pool                                                                   | medium   | nobody's code owns the pool; it is lost on a rebuild                |
 * | `version-skew`       | nodes.kubeletVersion                                                   | high     | outside the Kubernetes version skew policy                          |
 * | `node-count`         | nodes.count                                                            | medium   | the nodes do not follow the pool's size                             |
 * | `node-zones`         | nodes.zones                                                            | medium   | nodes where the pool does not declare them                          |
 * | `node-image`         | nodes.kubeletVersion, nodes.osImage                                    | low      | nodes not yet rolled to the pool's image                            |
 * | `node-taints`        | nodes.taints                                                           | high     | pods land on nodes meant to repel them, or cannot land where they should |
 * | `node-labels`        | nodes.labels                                                           | medium   | selectors and affinities see nodes that differ from their pool      |
 */
const CHANGED: Readonly<Record<string, DriftSeverity>> = {
  taints: 'high',
  capacityType: 'high',
  os: 'high',
  arch: 'high',
  mode: 'high',
  machineTypes: 'high',
  requirements: 'high',
  autoscaling: 'medium',
  nodeCount: 'medium',
  labels: 'medium',
  zones: 'medium',
  kubernetesVersion: 'medium',
  limits: 'medium',
  tags: 'low',
  maxPodsPerNode: 'low',
  diskSizeGb: 'low',
  nodeImageVersion: 'low',
};

const BY_CAUSE: Readonly<Record<Exclude<DriftCause, 'changed'>, DriftSeverity>> = {
  'declared-not-found': 'high',
  'not-in-iac': 'medium',
  'version-skew': 'high',
  'node-count': 'medium',
  'node-zones': 'medium',
  'node-image': 'low',
  'node-taints': 'high',
  'node-labels': 'medium',
};

export function severityOf(cause: DriftCause, field: DriftField): DriftSeverity {
  return cause === 'changed' ? CHANGED[field] ?? 'medium' : BY_CAUSE[cause];
}

const RANK: Readonly<Record<DriftSeverity, number>> = { high: 0, medium: 1, low: 2 };

/** Orders findings most severe first. */
export function severityRank(severity: DriftSeverity): number {
  return RANK[severity];
}
