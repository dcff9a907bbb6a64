import type { NodeRecord } from '../read';
import { bindPods } from './bindPods';
import { placeNodes } from './classes';
import { Interner } from './indexes';
import { eventsByPod, volumesByClaim } from './lookups';
import { ClusterPools, resolveCluster } from './pools';
import type { ClusterInput, ClusterState } from './types';

/**
 * Builds what the checks read, step by step: the cluster the snapshot is of,
 * the resources nodes offer and pending pods ask for, nodes placed (their
 * pods' usage, free room, pool and class), pods bound to nodes, then
 * volumes and events by pod.
 */
export function buildClusterState(input: ClusterInput): ClusterState {
  const cluster = resolveCluster(input.cluster, input.pools, input.nodeShapes);
  let nodesByName = input.nodesByName;
  if (!nodesByName) {
    nodesByName = new Map<string, NodeRecord>();
    for (const node of input.nodes) nodesByName.set(node.name, node);
  }
  const resources = input.resources.copy();
  for (const pod of input.pendingPods) for (const name of Object.keys(pod.requests)) resources.add(name);
  const clusterPools = new ClusterPools(
    cluster,
    input.pools.filter(p => p.cluster === cluster),
    input.nodeShapes,
  );
  const taintSets = new Interner();
  let shapeCounter = 0;
  const nextShapeId = () => shapeCounter++;
  const { classes, zones } = placeNodes(input, clusterPools, resources, taintSets, nextShapeId);
  const pools = clusterPools.list();
  const pods = bindPods(input);
  return {
    cluster,
    nodes: input.nodes,
    nodesByName,
    pools,
    poolOf: (node: NodeRecord) => pools[node.poolIndex],
    ...pods,
    zones,
    volumes: volumesByClaim(input),
    events: eventsByPod(input.events),
    taintSets,
    resources,
    classes,
    nextShapeId,
  };
}
