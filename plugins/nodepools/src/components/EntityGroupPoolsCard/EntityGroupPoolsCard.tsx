import { useState } from 'react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { PoolQuery } from '@nodepools/plugin-nodepools-common';
import { useDescendantGroups } from '../../hooks/useDescendantGroups';
import { useOwnerReviewLink } from '../../hooks/useGovernanceLinks';
import { usePoolListLink } from '../../hooks/usePoolLink';
import { usePoolPages } from '../../hooks/usePoolPages';
import { childGroupRefs, ownerPoolQuery } from '../../lib/entityPools';
import { poolQueryToSearchParams } from '../../lib/poolQuery';
import { EntityPoolTable, POOL_COLUMNS } from '../EntityPoolTable';

/** Pools listed on the card; the rest are one click away on the pool list. */
const CARD_PAGE_SIZE = 20;

function GroupPools({ query, withChildren, review }: { query: PoolQuery; withChildren: boolean; review?: string }) {
  const pages = usePoolPages(query, CARD_PAGE_SIZE);
  const listLink = usePoolListLink();
  if (pages.error) return <ResponseErrorPanel error={pages.error} />;
  if (pages.totalCount === undefined) return <Progress />;
  if (!pages.items.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        {withChildren ? 'This group and its child groups own no pools.' : 'This group owns no pools.'}
      </Typography>
    );
  }
  const columns = [
    POOL_COLUMNS.cluster,
    ...(withChildren ? [POOL_COLUMNS.owner] : []),
    POOL_COLUMNS.nodes,
    POOL_COLUMNS.capacity,
  ];
  return (
    <>
      <EntityPoolTable pools={pages.items} columns={columns} />
      {(listLink || review) && (
        <Box mt={1} display="flex" gridGap={16}>
          {listLink && (
            <Link to={listLink(poolQueryToSearchParams(query))}>
              {pages.totalCount > pages.items.length
                ? `View all ${pages.totalCount} pools`
                : 'Open in Node pools'}
            </Link>
          )}
          {review && <Link to={review}>Review</Link>}
        </Box>
      )}
    </>
  );
}

/**
 * The node pools a group owns, with their nodes, capacity and findings;
 * switchable to include the pools of every group below it.
 */
export function EntityGroupPoolsCard(props: { title?: string }) {
  const { entity } = useEntity();
  const hasChildren = childGroupRefs(entity).length > 0;
  const [withChildren, setWithChildren] = useState(false);
  const groups = useDescendantGroups(entity, withChildren);
  // The review is the group's own: its child groups review theirs.
  const review = useOwnerReviewLink()(stringifyEntityRef(entity));
  return (
    <InfoCard
      title={props.title ?? 'Node pools'}
      subheader={withChildren ? 'Pools this group and its child groups own' : 'Pools this group owns'}
      action={
        hasChildren ? (
          <FormControlLabel
            control={
              <Switch
                checked={withChildren}
                onChange={event => setWithChildren(event.target.checked)}
                color="primary"
              />
            }
            label="Include child groups"
          />
        ) : undefined
      }
    >
      {groups.error && <ResponseErrorPanel error={groups.error} />}
      {!groups.error && !groups.value && <Progress />}
      {groups.value && (
        <GroupPools query={ownerPoolQuery(groups.value)} withChildren={withChildren} review={review} />
      )}
    </InfoCard>
  );
}
