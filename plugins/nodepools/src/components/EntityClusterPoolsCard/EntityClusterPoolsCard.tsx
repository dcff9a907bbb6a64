import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  clusterOfPool,
  clusterRef,
  clustersAgree,
  parseClusterRef,
  type PoolListItem,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { usePoolListLink } from '../../hooks/usePoolLink';
import { usePoolPages } from '../../hooks/usePoolPages';
import { useTriageLink } from '../../hooks/useTriageLink';
import { clusterOfEntityPage, clusterPoolQuery } from '../../lib/entityPools';
import { poolQueryToSearchParams } from '../../lib/poolQuery';
import { EntityPoolTable, POOL_COLUMNS, type PoolColumn } from '../EntityPoolTable';

/** A cluster's pools fit on one page: the card shows them all. */
const CLUSTER_PAGE_SIZE = 200;

/**
 * The node pools of the cluster a `kubernetes-cluster` Resource stands
 * for, with their capacity and how many of the cluster's pending pods
 * each would take after a scale-up.
 */
export function EntityClusterPoolsCard(props: { title?: string }) {
  const { entity } = useEntity();
  const api = useApi(nodePoolsApiRef);
  const cluster = clusterOfEntityPage(entity);
  const query = clusterPoolQuery(cluster);
  const key = clusterRef(cluster);
  const pages = usePoolPages(query, CLUSTER_PAGE_SIZE);
  const listLink = usePoolListLink();
  const triageLink = useTriageLink();
  // Counts from the stored triage; a backend without one leaves the column empty.
  const triage = useAsync(async () => {
    const [pools, clusters] = await Promise.all([api.listTriagePools(), api.listTriageClusters()]);
    return {
      pending: new Map(pools.map(p => [p.ref, p.pendingFitAfterScaleUp])),
      clusterPending: clusters
        .filter(c => clustersAgree(parseClusterRef(c.clusterRef), cluster))
        .reduce((sum, c) => sum + c.pendingPods, 0),
    };
    // The key stands for the cluster.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  const pools = pages.items.filter((pool: PoolListItem) => clustersAgree(clusterOfPool(pool), cluster));
  const pendingColumn: PoolColumn = {
    title: 'Pending pods it would take',
    render: pool => {
      const count = triage.value?.pending.get(pool.ref);
      return count === undefined ? '—' : count.toLocaleString('en-US');
    },
  };
  let body;
  if (pages.error) {
    body = <ResponseErrorPanel error={pages.error} />;
  } else if (pages.totalCount === undefined) {
    body = <Progress />;
  } else if (!pools.length) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No pools of this cluster are known.
      </Typography>
    );
  } else {
    const triageHref = triageLink(pools[0]);
    body = (
      <>
        {triage.value && triage.value.clusterPending > 0 && (
          <Box mb={1}>
            <Typography variant="body2" data-testid="cluster-pending">
              {`${triage.value.clusterPending} pending ${triage.value.clusterPending === 1 ? 'pod' : 'pods'}`}
              {triageHref && (
                <>
                  {' · '}
                  <Link to={triageHref}>Why they are pending</Link>
                </>
              )}
            </Typography>
          </Box>
        )}
        <EntityPoolTable
          pools={pools}
          columns={[POOL_COLUMNS.cloud, POOL_COLUMNS.capacityType, POOL_COLUMNS.nodes, POOL_COLUMNS.capacity, pendingColumn]}
        />
        {listLink && (
          <Box mt={1}>
            <Link to={listLink(poolQueryToSearchParams(query))}>Open in Node pools</Link>
          </Box>
        )}
      </>
    );
  }
  return (
    <InfoCard title={props.title ?? 'Node pools'} subheader={`Pools of cluster ${cluster.cluster}`}>
      {body}
    </InfoCard>
  );
}
