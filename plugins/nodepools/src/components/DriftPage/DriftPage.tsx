import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useSearchParams } from 'react-router-dom';
import {
  ContentHeader,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  DRIFT_CAUSES,
  DRIFT_SEVERITIES,
  DRIFT_STATES,
  type DriftCause,
  type DriftQuery,
  type DriftSeverity,
  type DriftState,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { driftRouteRef } from '../../routes';
import { useReloadDriftCounts } from '../DriftCounts';
import { PageFrame } from '../PageFrame';
import { CAUSE_LABEL } from '../DriftFinding';
import { DriftOverTime } from '../DriftOverTime';
import { DriftFindingsList } from './DriftFindingsList';
import { DriftGroups } from './DriftGroups';

const DAYS = 30;

/** The filters of the findings list, from the URL (so a view can be linked). */
function queryOf(params: URLSearchParams): DriftQuery {
  const pick = <T extends string>(key: string, allowed?: readonly T[]) =>
    params.getAll(key).filter((v): v is T => !allowed || (allowed as readonly string[]).includes(v));
  const query: DriftQuery = {};
  const cause = pick<DriftCause>('cause', DRIFT_CAUSES);
  const severity = pick<DriftSeverity>('severity', DRIFT_SEVERITIES);
  const state = pick<DriftState>('state', DRIFT_STATES);
  const owner = pick<string>('owner');
  const cluster = pick<string>('cluster');
  if (cause.length) query.cause = cause;
  if (severity.length) query.severity = severity;
  if (state.length) query.state = state;
  if (owner.length) query.owner = owner;
  if (cluster.length) query.cluster = cluster;
  return query;
}

/** Drift across the inventory: counts by cause, owner and cluster, over time, and the findings themselves. */
export function DriftPage() {
  const api = useApi(nodePoolsApiRef);
  const driftLink = useRouteRef(driftRouteRef);
  const reloadCounts = useReloadDriftCounts();
  const [params] = useSearchParams();
  const summary = useAsyncRetry(() => api.getDriftSummary(DAYS), [api]);
  const scopes = useAsyncRetry(() => api.listDesiredScopes(), [api]);
  const filterLink = (key: string, value: string) => `${driftLink()}?${new URLSearchParams({ [key]: value })}`;
  const query = queryOf(params);
  const failing = (scopes.value ?? []).filter(s => s.error);

  let body;
  if (summary.loading && !summary.value) {
    body = <Progress />;
  } else if (summary.error) {
    body = <ResponseErrorPanel error={summary.error} title="Drift could not be loaded" />;
  } else if (summary.value) {
    const s = summary.value;
    body = (
      <Grid container spacing={3}>
        {failing.map(scope => (
          <Grid item xs={12} key={`${scope.source}/${scope.scope}`}>
            <WarningPanel title={`Desired state ${scope.location} could not be read; its last good read is used`} message={scope.error} />
          </Grid>
        ))}
        <Grid item xs={12}>
          <Typography variant="h6" data-testid="drift-summary">
            {s.open} open, {s.acknowledged} acknowledged{s.stale ? `, ${s.stale} on stale data` : ''}
          </Typography>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="By cause" noPadding>
            <DriftGroups title="Cause" groups={s.byCause} label={key => CAUSE_LABEL[key as DriftCause] ?? key} linkTo={key => filterLink('cause', key)} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="By owner" noPadding>
            <DriftGroups title="Owner" groups={s.byOwner} linkTo={key => filterLink('owner', key)} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="By cluster" noPadding>
            <DriftGroups title="Cluster" groups={s.byCluster} linkTo={key => filterLink('cluster', key)} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={`Over the last ${DAYS} days`}>
            <DriftOverTime days={s.overTime} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <ContentHeader title="Findings">
            {Object.keys(query).length > 0 && <Link to={driftLink()}>All findings</Link>}
          </ContentHeader>
          <DriftFindingsList
            query={query}
            onChanged={() => {
              summary.retry();
              reloadCounts();
            }}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <PageFrame title="Drift" subtitle="What the IaC declares against the cloud and its nodes">
      {body}
    </PageFrame>
  );
}
