import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import {
  workloadQueryOfEntity,
  type PoolListItem,
  type WorkloadPool,
  type WorkloadPoolsQuery,
} from '@nodepools/plugin-nodepools-common';
import { useWorkloadPools } from '../../hooks/useWorkloadPools';
import { systemComponentRefs } from '../../lib/entityPools';
import { EntityPoolTable, POOL_COLUMNS, type PoolColumn } from '../EntityPoolTable';

/** The workloads an entity names: its own annotations, or for a System, its components'. */
function useEntityWorkloads(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const components = systemComponentRefs(entity);
  return useAsync(async (): Promise<WorkloadPoolsQuery[]> => {
    if (!isSystem) {
      const own = workloadQueryOfEntity(entity.metadata.annotations);
      return own ? [own] : [];
    }
    if (!components.length) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: components,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations'],
    });
    const queries = items.flatMap(item => {
      const query = item && workloadQueryOfEntity(item.metadata.annotations);
      return query ? [query] : [];
    });
    return [...new Map(queries.map(q => [JSON.stringify(q), q])).values()];
    // The refs stand for the entity's workloads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, isSystem, JSON.stringify(entity.metadata.annotations ?? {}), components.join(',')]);
}

function podsColumn(byRef: Map<string, WorkloadPool>): PoolColumn {
  return {
    title: 'Pods',
    render: (pool: PoolListItem) => {
      const found = byRef.get(pool.ref);
      if (!found) return '—';
      return (
        <>
          <Typography variant="body2" component="div" data-testid="workload-pods">
            {`${found.pods} ${found.pods === 1 ? 'pod' : 'pods'}`}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="div">
            {found.namespaces.map(n => `${n.namespace} (${n.pods})`).join(', ')}
          </Typography>
        </>
      );
    },
  };
}

/**
 * The node pools a Component's (or a System's components') pods actually
 * run on, found from the `backstage.io/kubernetes-id` or
 * `backstage.io/kubernetes-label-selector` annotation (and
 * `backstage.io/kubernetes-namespace`) and the pods the clusters reported.
 */
export function EntityWorkloadPoolsCard(props: { title?: string }) {
  const { entity } = useEntity();
  const workloads = useEntityWorkloads(entity);
  const pools = useWorkloadPools(workloads.value?.length ? workloads.value : undefined);
  const error = workloads.error ?? pools.error;
  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (workloads.loading || (workloads.value?.length && !pools.value)) {
    body = <Progress />;
  } else if (!workloads.value?.length) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No workload is named: annotate the component with backstage.io/kubernetes-id or
        backstage.io/kubernetes-label-selector.
      </Typography>
    );
  } else if (!pools.value?.length) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No running pod of this workload was seen on any known pool.
      </Typography>
    );
  } else {
    const byRef = new Map(pools.value.map(p => [p.pool.ref, p]));
    body = (
      <EntityPoolTable
        pools={pools.value.map(p => p.pool)}
        columns={[podsColumn(byRef), POOL_COLUMNS.cluster, POOL_COLUMNS.nodes, POOL_COLUMNS.capacity]}
      />
    );
  }
  return (
    <InfoCard title={props.title ?? 'Node pools'} subheader="Pools its pods run on">
      {body}
    </InfoCard>
  );
}
