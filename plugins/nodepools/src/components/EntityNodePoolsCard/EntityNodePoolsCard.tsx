import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { PoolListItem, PoolQuery } from '@nodepools/plugin-nodepools-common';
import { usePoolLink, usePoolListLink } from '../../hooks/usePoolLink';
import { usePoolPages } from '../../hooks/usePoolPages';
import {
  capacityTypeLabel,
  modeLabel,
  nodeCountLabel,
  providerLabel,
} from '../../lib/format';
import { entityPoolQuery, KUBERNETES_CLUSTER_TYPE } from '../../lib/entityPools';
import { poolQueryToSearchParams } from '../../lib/poolQuery';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { '& th, & td': { whiteSpace: 'nowrap' } },
});

/** Pools listed on the card; the rest are one click away on the pool list. */
const CARD_PAGE_SIZE = 20;

function PoolRows({ pools, forCluster }: { pools: PoolListItem[]; forCluster: boolean }) {
  const poolLink = usePoolLink();
  return (
    <>
      {pools.map(pool => {
        const to = poolLink(pool.ref);
        return (
          <TableRow key={pool.ref} data-testid="entity-pool-row" data-ref={pool.ref}>
            <TableCell>
              {to ? <Link to={to}>{pool.name}</Link> : pool.name}
              {pool.stale && (
                <Chip
                  size="small"
                  label="Stale"
                  title={pool.staleReason}
                  style={{ marginLeft: 8 }}
                />
              )}
            </TableCell>
            <TableCell>{providerLabel(pool.provider)}</TableCell>
            <TableCell>{forCluster ? pool.region ?? '—' : pool.cluster}</TableCell>
            <TableCell>{modeLabel(pool.mode)}</TableCell>
            <TableCell>{capacityTypeLabel(pool.capacityType)}</TableCell>
            <TableCell>{nodeCountLabel(pool.nodeCount, pool.autoscaling)}</TableCell>
          </TableRow>
        );
      })}
    </>
  );
}

function EntityPools({ query, forCluster }: { query: PoolQuery; forCluster: boolean }) {
  const pages = usePoolPages(query, CARD_PAGE_SIZE);
  const listLink = usePoolListLink();
  const classes = useStyles();
  if (pages.error) return <ResponseErrorPanel error={pages.error} />;
  if (pages.totalCount === undefined) return <Progress />;
  if (!pages.items.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        {forCluster ? 'No pools of this cluster are known.' : 'This group owns no pools.'}
      </Typography>
    );
  }
  const more = pages.totalCount > pages.items.length;
  return (
    <>
      <div className={classes.scroll}>
        <Table size="small" aria-label="Node pools" className={classes.table}>
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Cloud</TableCell>
              <TableCell>{forCluster ? 'Region' : 'Cluster'}</TableCell>
              <TableCell>Mode</TableCell>
              <TableCell>Capacity</TableCell>
              <TableCell>Nodes</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <PoolRows pools={pages.items} forCluster={forCluster} />
          </TableBody>
        </Table>
      </div>
      {listLink && (
        <Box mt={1}>
          <Link to={listLink(poolQueryToSearchParams(query))}>
            {more ? `View all ${pages.totalCount} pools` : 'Open in Node pools'}
          </Link>
        </Box>
      )}
    </>
  );
}

/** The node pools of the current catalog entity (a group or a cluster resource). */
export function EntityNodePoolsCard(props: { title?: string }) {
  const { entity } = useEntity();
  const query = entityPoolQuery(entity);
  const forCluster = entity.kind.toLocaleLowerCase('en-US') === 'resource';
  return (
    <InfoCard
      title={props.title ?? 'Node pools'}
      subheader={forCluster ? 'Pools of this cluster' : 'Pools this group owns'}
    >
      {query ? (
        <EntityPools query={query} forCluster={forCluster} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Node pools are shown for groups and for resources of type {KUBERNETES_CLUSTER_TYPE}.
        </Typography>
      )}
    </InfoCard>
  );
}
