import type { NodeRecord } from '../read';
import { bindPods } from './bindPods';
import { classifyNodes, freeVectors } from './classes';
import { Interner } from './indexes';
import { eventsByPod, volumesByClaim } from './lookups';
import { assignPools, resolveCluster } from './pools';
import type { ClusterInput, ClusterState } from './types';

/**
 * Builds what the checks read, step by step: the cluster the snapshot is of,
 * pods bound to nodes, nodes put into pools, free room as vectors, nodes
 * grouped into classes, then volumes and events by pod.
 */
export function buildClusterState(input: ClusterInput): ClusterState {
  const cluster = resolveCluster(input.cluster, input.pools, input.nodeShapes);
  let nodesByName = input.nodesByName;
  if (!nodesByName) {
    nodesByName = new Map<string, NodeRecord>();
    for (const node of input.nodes) nodesByName.set(node.name, node);
  }
  const pods = bindPods(input, nodesByName);
  const pools = assignPools(
    cluster,
    input.pools.filter(p => p.cluster === cluster),
    input.nodes,
    input.nodeShapes,
  );
  const resources = freeVectors(input.nodes, input.pendingPods);
  const taintSets = new Interner();
  let shapeCounter = 0;
  const nextShapeId = () => shapeCounter++;
  const { classes, zones } = classifyNodes(pools, input.nodeShapes, resources, taintSets, nextShapeId);
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
