import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isClusterEntity,
  isGroupEntity,
  isWorkloadEntity,
  KUBERNETES_CLUSTER_TYPE,
} from '../../lib/entityPools';
import { EntityClusterPoolsCard } from '../EntityClusterPoolsCard';
import { EntityGroupPoolsCard } from '../EntityGroupPoolsCard';
import { EntityWorkloadPoolsCard } from '../EntityWorkloadPoolsCard';

/**
 * The node pools of the current catalog entity, whatever its kind: a
 * group's pools, a cluster resource's, or those a component's pods run on.
 */
export function EntityNodePoolsCard(props: { title?: string }) {
  const { entity } = useEntity();
  if (isGroupEntity(entity)) return <EntityGroupPoolsCard {...props} />;
  if (isClusterEntity(entity)) return <EntityClusterPoolsCard {...props} />;
  if (isWorkloadEntity(entity)) return <EntityWorkloadPoolsCard {...props} />;
  return (
    <InfoCard title={props.title ?? 'Node pools'}>
      <Typography variant="body2" color="textSecondary">
        Node pools are shown for groups, for resources of type {KUBERNETES_CLUSTER_TYPE}, and for
        components and systems whose workloads run in Kubernetes.
      </Typography>
    </InfoCard>
  );
}
