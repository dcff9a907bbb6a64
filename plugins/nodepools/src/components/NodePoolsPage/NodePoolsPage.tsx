import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  ContentHeader,
  EmptyState,
  Link,
  LinkButton,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { DEFAULT_PAGE_SIZE } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { usePoolPages } from '../../hooks/usePoolPages';
import { usePoolQueryParams } from '../../hooks/usePoolQueryParams';
import { cloudProvidersText, errorMessage } from '../../lib/format';
import { POOL_FILTER_KEYS } from '../../lib/poolQuery';
import { driftRouteRef, sourcesRouteRef, triageRouteRef } from '../../routes';
import { PageFrame, useDrawsPageHeader } from '../PageFrame';
import { ApiErrorPanel } from '../ApiErrorPanel';
import { PoolFilters } from '../PoolFilters';
import { PoolGrid } from '../PoolGrid';

function PoolTotal({ loaded, total }: { loaded: number; total: number }) {
  return (
    <Typography variant="subtitle1" component="p">
      <span data-testid="pool-total" data-count={total}>
        {`${total.toLocaleString('en-US')} ${total === 1 ? 'pool' : 'pools'}`}
      </span>
      {loaded < total && (
        <Typography component="span" variant="body2" color="textSecondary">
          {` · showing ${loaded.toLocaleString('en-US')}`}
        </Typography>
      )}
    </Typography>
  );
}

function loadMoreLabel(loading: boolean, failed: boolean): string {
  if (loading) return 'Loading…';
  return failed ? 'Retry' : 'Load more';
}

export interface NodePoolsPageProps {
  /** Pools fetched per page; the backend caps it at `MAX_PAGE_SIZE`. */
  pageSize?: number;
}

/**
 * Every pool the backend knows, as cards, filtered and sorted by what the
 * URL says and paged by the server.
 */
export function NodePoolsPage({ pageSize = DEFAULT_PAGE_SIZE }: NodePoolsPageProps) {
  const api = useApi(nodePoolsApiRef);
  const sourcesLink = useRouteRef(sourcesRouteRef);
  const triageLink = useRouteRef(triageRouteRef);
  const drawsHeader = useDrawsPageHeader();
  const driftLink = useRouteRef(driftRouteRef);
  const [query, setQuery] = usePoolQueryParams();
  const facets = useAsync(() => api.getFacets(), [api]);
  const pages = usePoolPages(query, pageSize);
  // Fetched once per visit for every card: the counts are a hint on the
  // cards, so a backend without triage just leaves them out.
  const triagePools = useAsync(() => api.listTriagePools(), [api]);
  const pendingFit = useMemo(
    () =>
      new Map(
        (triagePools.value ?? []).map(pool => [pool.ref, pool.pendingFitAfterScaleUp]),
      ),
    [triagePools.value],
  );
  const filtered = POOL_FILTER_KEYS.some(key => query[key]?.length) || Boolean(query.q);

  let body;
  if (pages.error && pages.items.length === 0) {
    body = <ApiErrorPanel error={pages.error} />;
  } else if (pages.totalCount === undefined) {
    body = <Progress />;
  } else if (pages.items.length === 0) {
    body = filtered ? (
      <EmptyState
        missing="data"
        title="No pools match these filters"
        description="Loosen or clear the filters to see more pools."
      />
    ) : (
      <EmptyState
        missing="data"
        title="No node pools yet"
        description="No source has reported a pool. The sources page shows what each source last did."
        action={
          <LinkButton variant="contained" color="primary" to={sourcesLink()}>
            Open sources
          </LinkButton>
        }
      />
    );
  } else {
    body = (
      <>
        <PoolGrid pools={pages.items} pendingFitAfterScaleUp={pendingFit} />
        {pages.error && (
          <Box mt={2}>
            <WarningPanel
              severity="error"
              title="The next page could not be loaded"
              message={errorMessage(pages.error)}
            />
          </Box>
        )}
        {(pages.hasMore || pages.error) && (
          <Box display="flex" justifyContent="center" mt={2}>
            <Button
              variant="outlined"
              onClick={pages.loadMore}
              disabled={pages.loading}
              data-testid="pool-load-more"
            >
              {loadMoreLabel(pages.loading, Boolean(pages.error))}
            </Button>
          </Box>
        )}
      </>
    );
  }

  return (
    <PageFrame
      root
      title="Node pools"
      subtitle={`Kubernetes node pools across ${cloudProvidersText()}`}
    >
      {drawsHeader && (
        // Under the app's header the other pages are tabs.
        <ContentHeader title="Pools">
          <Link to={triageLink()}>Triage</Link>
          <Link to={driftLink()} style={{ marginLeft: 16 }}>
            Drift
          </Link>
          <Link to={sourcesLink()} style={{ marginLeft: 16 }}>
            Sources
          </Link>
        </ContentHeader>
      )}
      {facets.error && (
        <Box mb={2}>
          <WarningPanel
            title="Filter values could not be loaded"
            message={errorMessage(facets.error)}
          />
        </Box>
      )}
      <PoolFilters query={query} facets={facets.value} onChange={setQuery} />
      {pages.totalCount !== undefined && (
        <PoolTotal loaded={pages.items.length} total={pages.totalCount} />
      )}
      {body}
    </PageFrame>
  );
}
