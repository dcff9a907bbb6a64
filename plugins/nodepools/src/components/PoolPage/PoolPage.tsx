import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  InfoCard,
  LinkButton,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef, useRouteRefParams } from '@backstage/core-plugin-api';
import type { NodePoolDetail } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { providerLabel } from '../../lib/format';
import { poolRouteRef, rootRouteRef } from '../../routes';
import { PageFrame } from '../PageFrame';
import { ApiErrorPanel } from '../ApiErrorPanel';
import { PoolDriftTabs } from '../DriftPoolTab';
import { PoolNodesSummary } from '../PoolNodesSummary';
import { PoolBadges } from '../PoolBadges';
import { ObservedFieldsTable, PoolFieldsTable } from '../PoolFieldsTable';
import { PoolHistoryTable } from '../PoolHistoryTable';
import { PoolRawRecord } from '../PoolRawRecord';

function isNotFound(error: Error): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === 404 || error.name === 'NotFoundError';
}

function PoolHistory({ poolRef }: { poolRef: string }) {
  const api = useApi(nodePoolsApiRef);
  const history = useAsync(() => api.getPoolHistory(poolRef), [api, poolRef]);
  if (history.loading) return <Progress />;
  if (history.error) return <ApiErrorPanel error={history.error} title="History could not be loaded" />;
  return <PoolHistoryTable entries={history.value ?? []} />;
}

function PoolDetails({ pool }: { pool: NodePoolDetail }) {
  return (
    <Grid container spacing={3}>
      {pool.stale && (
        <Grid item xs={12}>
          <WarningPanel
            title="The source of this pool failed its last sync; values may be out of date"
            message={pool.staleReason}
            defaultExpanded
          />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="Nodes">
          <Box display="flex" flexDirection="column" gridGap={8}>
            <Box display="flex" gridGap={8}>
              <PoolBadges pool={pool} />
            </Box>
            <PoolNodesSummary pool={pool} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Observed in the cluster" noPadding>
          {pool.observed ? (
            <ObservedFieldsTable observed={pool.observed} />
          ) : (
            <Box p={2}>
              <Typography variant="body2" color="textSecondary">
                The cluster's own nodes have not been read for this pool.
              </Typography>
            </Box>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Normalized fields" noPadding>
          <PoolFieldsTable pool={pool} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <PoolHistory poolRef={pool.ref} />
      </Grid>
      <Grid item xs={12}>
        <PoolRawRecord pool={pool} />
      </Grid>
    </Grid>
  );
}

/** One pool: every normalized field, its raw provider record and its history. */
export function PoolPage() {
  const api = useApi(nodePoolsApiRef);
  const { ref } = useRouteRefParams(poolRouteRef);
  const listLink = useRouteRef(rootRouteRef);
  const pool = useAsync(() => api.getPool(ref), [api, ref]);

  let title = ref;
  let subtitle: string | undefined;
  let body;
  if (pool.loading) {
    body = <Progress />;
  } else if (pool.error) {
    body = isNotFound(pool.error) ? (
      <EmptyState
        missing="data"
        title="Pool not found"
        description={`No pool has the ref '${ref}'. It may never have existed, or its ref changed.`}
        action={
          <LinkButton variant="contained" color="primary" to={listLink()}>
            All pools
          </LinkButton>
        }
      />
    ) : (
      <ApiErrorPanel error={pool.error} />
    );
  } else if (pool.value) {
    const p = pool.value;
    title = p.name;
    subtitle = [providerLabel(p.provider), p.account, p.region, p.cluster]
      .filter(Boolean)
      .join(' · ');
    body = <PoolDriftTabs poolRef={p.ref} details={<PoolDetails pool={p} />} />;
  }

  return (
    <PageFrame title={title} subtitle={subtitle} titleInContent>
      {body}
    </PageFrame>
  );
}
