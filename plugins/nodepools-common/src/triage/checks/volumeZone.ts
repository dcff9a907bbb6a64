import type { NodeSelectorTerm } from '../kube';
import { NEW_NODE_HOSTNAME, PER_NODE_LABEL_KEYS } from '../labels';
import { checkNodeAffinity, compileNodeAffinity, nodeAffinityKeys, type CompiledNodeAffinity } from './nodeAffinity';
import type { CheckReason } from '../types';
import type { NodeShape } from '../cluster';
import type { CheckTarget, Finding, NodeFilter, SchedulingCheck, ShapeFilter } from './types';

/** Topology labels a PersistentVolume may carry; values can list several zones joined by `__`. */
export const VOLUME_TOPOLOGY_LABELS = [
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
] as const;

/** Where one bound volume of the pod can be used. */
export interface VolumeTopology {
  volume: string;
  /** Topology label -> allowed values, from the PV's labels. */
  labels: Record<string, string[]>;
  /** The PV's required node affinity, when it has one. */
  nodeAffinity?: CompiledNodeAffinity;
}

export function volumeTopology(
  volume: string,
  labels: Record<string, string>,
  nodeSelectorTerms: readonly NodeSelectorTerm[] | undefined,
): VolumeTopology | undefined {
  const topology: Record<string, string[]> = {};
  for (const key of VOLUME_TOPOLOGY_LABELS) {
    if (labels[key]) topology[key] = labels[key].split('__');
  }
  const nodeAffinity = nodeSelectorTerms?.length ? compileNodeAffinity(undefined, nodeSelectorTerms) : undefined;
  if (Object.keys(topology).length === 0 && !nodeAffinity) return undefined;
  return { volume, labels: topology, nodeAffinity };
}

/**
 * VolumeZone and the node-affinity part of VolumeBinding for bound volumes:
 * the node's zone/region labels must be among the PV's, and the node must
 * match the PV's required node affinity. A node with no topology label at all
 * passes the label check, as in kube-scheduler.
 */
export function checkVolumeZone(
  volumes: readonly VolumeTopology[],
  nodeLabels: Record<string, string>,
  nodeName: string,
): CheckReason | undefined {
  const nodeHasTopology = VOLUME_TOPOLOGY_LABELS.some(key => key in nodeLabels);
  for (const volume of volumes) {
    if (nodeHasTopology) {
      for (const [key, values] of Object.entries(volume.labels)) {
        const value = nodeLabels[key];
        if (value === undefined || !values.includes(value)) {
          return {
            code: 'volume-zone',
            message: `volume node affinity conflict: PersistentVolume ${volume.volume} is in ${key} ${values.join(' or ')}, node has ${value ?? 'no such label'}`,
          };
        }
      }
    }
    if (volume.nodeAffinity) {
      const mismatch = checkNodeAffinity(volume.nodeAffinity, nodeLabels, nodeName);
      if (mismatch) {
        return {
          code: 'volume-zone',
          message: `volume node affinity conflict: PersistentVolume ${volume.volume}: ${mismatch.message}`,
        };
      }
    }
  }
  return undefined;
}

/** Where the pod's bound volumes can be used: a fact of the node's labels other than the per-node ones. */
class VolumeZoneFilter implements ShapeFilter {
  readonly level = 'shape';
  readonly placementSensitive = true;
  constructor(private readonly volumes: readonly VolumeTopology[]) {}
  passes(shape: NodeShape): boolean {
    return checkVolumeZone(this.volumes, shape.labels, NEW_NODE_HOSTNAME) === undefined;
  }
  explain(shape: NodeShape): Finding[] {
    const reason = checkVolumeZone(this.volumes, shape.labels, NEW_NODE_HOSTNAME);
    return reason ? [reason] : [];
  }
}

/**
 * A volume pinned to nodes by name (a local PersistentVolume's hostname
 * affinity, or `matchFields` on `metadata.name`): asked of each node, since
 * the nodes of a class differ by exactly that.
 */
class VolumeZoneByNode implements NodeFilter {
  readonly level = 'labels';
  constructor(private readonly volumes: readonly VolumeTopology[]) {}
  passes(node: CheckTarget): boolean {
    return checkVolumeZone(this.volumes, node.labels, node.name) === undefined;
  }
  explain(node: CheckTarget): Finding[] {
    const reason = checkVolumeZone(this.volumes, node.labels, node.name);
    return reason ? [reason] : [];
  }
}

function pinsNodes(volume: VolumeTopology): boolean {
  return volume.nodeAffinity !== undefined && nodeAffinityKeys(volume.nodeAffinity).some(key => PER_NODE_LABEL_KEYS.has(key));
}

/** VolumeZone as a registered check: the zone and node affinity of the pod's bound volumes. */
export const volumeZoneCheck: SchedulingCheck = {
  name: 'VolumeZone',
  start: () => ({
    prepare(demand) {
      if (demand.volumes.length === 0) return undefined;
      return demand.volumes.some(pinsNodes) ? new VolumeZoneByNode(demand.volumes) : new VolumeZoneFilter(demand.volumes);
    },
  }),
};
