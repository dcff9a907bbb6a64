import { useCallback } from 'react';
import Box from '@material-ui/core/Box';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  ContentHeader,
  EmptyState,
  Link,
  LinkButton,
  Progress,
  TabbedLayout,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  nodepoolTriageAnalyzePermission,
  type TriageClusterSummary,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { errorMessage } from '../../lib/format';
import { rootRouteRef, triageRouteRef } from '../../routes';
import { PageFrame } from '../PageFrame';
import { PermissionGate } from '../PermissionGate';
import { TriageAnalyzeForm } from '../TriageAnalyzeForm';
import { clusterLocation, TriageClusterPicker } from '../TriageClusterPicker';
import { TriageClusterReport } from '../TriageClusterReport';
import { TriageClusterTable } from '../TriageClusterTable';

/**
 * The `cluster` query parameter holds the ref of the cluster shown, so that
 * a link shares it; a bare name (older links) still works while only one
 * cluster with a triage has it.
 */
const CLUSTER_PARAM = 'cluster';

/** The cluster list's entries the URL's ref or bare name may mean. */
function selectedSummaries(
  clusters: TriageClusterSummary[] | undefined,
  selector: string,
): TriageClusterSummary[] {
  const exact = clusters?.find(summary => summary.clusterRef === selector);
  if (exact || selector.includes('/')) return exact ? [exact] : [];
  return clusters?.filter(summary => summary.cluster === selector) ?? [];
}

/** A bare name that several clusters have: one link per cluster. */
function AmbiguousCluster({
  name,
  clusters,
  clusterLink,
}: {
  name: string;
  clusters: TriageClusterSummary[];
  clusterLink(ref: string): string;
}) {
  return (
    <WarningPanel
      severity="info"
      defaultExpanded
      title={`${clusters.length} clusters are named ${name}: pick one`}
    >
      <ul data-testid="triage-ambiguous-cluster">
        {clusters.map(summary => (
          <li key={summary.clusterRef}>
            <Link to={clusterLink(summary.clusterRef)}>
              {summary.cluster} ({clusterLocation(summary)})
            </Link>
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}

function ClustersTab() {
  const api = useApi(nodePoolsApiRef);
  const triageLink = useRouteRef(triageRouteRef);
  const listLink = useRouteRef(rootRouteRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const cluster = searchParams.get(CLUSTER_PARAM) || undefined;
  const clusters = useAsync(() => api.listTriageClusters(), [api]);

  const clusterLink = useCallback(
    (ref: string) => `${triageLink()}?${new URLSearchParams({ [CLUSTER_PARAM]: ref })}`,
    [triageLink],
  );
  const pick = useCallback(
    (ref: string | undefined) =>
      setSearchParams(ref ? { [CLUSTER_PARAM]: ref } : {}),
    [setSearchParams],
  );
  const selected = cluster ? selectedSummaries(clusters.value, cluster) : [];
  const summary = selected.length === 1 ? selected[0] : undefined;

  let body;
  if (cluster && selected.length > 1) {
    body = <AmbiguousCluster name={cluster} clusters={selected} clusterLink={clusterLink} />;
  } else if (cluster) {
    body = <TriageClusterReport key={cluster} cluster={cluster} summary={summary} />;
  } else if (clusters.loading) {
    body = <Progress />;
  } else if (clusters.value?.length) {
    body = <TriageClusterTable clusters={clusters.value} clusterLink={clusterLink} />;
  } else if (!clusters.error) {
    body = (
      <EmptyState
        missing="data"
        title="No cluster has a triage yet"
        description="The backend triages the pending pods of the clusters its live sources read. Without one, analyze kubectl's JSON of a cluster."
        action={
          <LinkButton variant="contained" color="primary" to={`${triageLink()}/analyze`}>
            Analyze kubectl JSON
          </LinkButton>
        }
      />
    );
  }

  return (
    <>
      <ContentHeader
        title={summary?.cluster ?? cluster ?? 'Clusters'}
        description={summary ? clusterLocation(summary) : undefined}
      >
        <Link to={listLink()}>All pools</Link>
      </ContentHeader>
      {clusters.error && (
        <Box mb={2}>
          <WarningPanel
            severity="error"
            defaultExpanded
            title="The clusters with a triage could not be loaded"
            message={errorMessage(clusters.error)}
          />
        </Box>
      )}
      <Box mb={2}>
        <TriageClusterPicker
          clusters={clusters.value}
          loading={clusters.loading}
          value={summary?.clusterRef ?? cluster}
          onChange={pick}
        />
      </Box>
      {body}
    </>
  );
}

/**
 * Pending-pod triage: per cluster, why each pending pod has no node, what
 * every pool says about it, and the smallest fix; or the same for kubectl
 * JSON a user brings.
 */
export function TriagePage() {
  return (
    <PageFrame
      title="Pending-pod triage"
      subtitle="Why pods wait for a node, what each pool says, and the smallest fix"
      content={false}
    >
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Clusters">
          <ClustersTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/analyze" title="Analyze kubectl JSON">
          <PermissionGate
            permission={nodepoolTriageAnalyzePermission}
            doing="analyze kubectl output"
          >
            <TriageAnalyzeForm />
          </PermissionGate>
        </TabbedLayout.Route>
      </TabbedLayout>
    </PageFrame>
  );
}
