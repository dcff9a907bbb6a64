import Typography from '@material-ui/core/Typography';
import type { ObservedNodeCounts } from '@nodepools/plugin-nodepools-common';
import { nodesLabel } from '../../lib/format';

export interface ObservedNodesSummaryProps {
  /** What the cloud says; undefined for pools seen only in the cluster. */
  nodeCount?: number;
  observed: ObservedNodeCounts;
}

/**
 * The cloud's node count next to what the cluster itself sees, e.g.
 * "Cloud says 3 nodes, cluster sees 2 ready". Highlighted when they disagree.
 */
export function ObservedNodesSummary({ nodeCount, observed }: ObservedNodesSummaryProps) {
  const notReady = observed.nodeCount - observed.readyCount;
  const clusterPart =
    notReady > 0
      ? `${observed.readyCount} ready of ${nodesLabel(observed.nodeCount)}`
      : `${observed.readyCount} ready`;
  const text =
    nodeCount === undefined
      ? `Cluster sees ${nodesLabel(observed.nodeCount)}, ${observed.readyCount} ready`
      : `Cloud says ${nodesLabel(nodeCount)}, cluster sees ${clusterPart}`;
  const disagrees =
    notReady > 0 || (nodeCount !== undefined && nodeCount !== observed.nodeCount);
  return (
    <Typography
      variant="caption"
      component="div"
      color={disagrees ? 'error' : 'textSecondary'}
      data-testid="observed-nodes"
    >
      {text}
    </Typography>
  );
}
