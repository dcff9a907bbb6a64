import { useCallback } from 'react';
import Box from '@material-ui/core/Box';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  ContentHeader,
  EmptyState,
  Header,
  Link,
  LinkButton,
  Page,
  Progress,
  TabbedLayout,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { nodePoolsApiRef } from '../../api';
import { errorMessage } from '../../lib/format';
import { rootRouteRef, triageRouteRef } from '../../routes';
import { TriageAnalyzeForm } from '../TriageAnalyzeForm';
import { TriageClusterPicker } from '../TriageClusterPicker';
import { TriageClusterReport } from '../TriageClusterReport';
import { TriageClusterTable } from '../TriageClusterTable';

/** The `cluster` query parameter names the cluster shown, so that a link shares it. */
const CLUSTER_PARAM = 'cluster';

function ClustersTab() {
  const api = useApi(nodePoolsApiRef);
  const triageLink = useRouteRef(triageRouteRef);
  const listLink = useRouteRef(rootRouteRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const cluster = searchParams.get(CLUSTER_PARAM) || undefined;
  const clusters = useAsync(() => api.listTriageClusters(), [api]);

  const clusterLink = useCallback(
    (name: string) => `${triageLink()}?${new URLSearchParams({ [CLUSTER_PARAM]: name })}`,
    [triageLink],
  );
  const pick = useCallback(
    (name: string | undefined) =>
      setSearchParams(name ? { [CLUSTER_PARAM]: name } : {}),
    [setSearchParams],
  );

  let body;
  if (cluster) {
    body = (
      <TriageClusterReport
        key={cluster}
        cluster={cluster}
        summary={clusters.value?.find(summary => summary.cluster === cluster)}
      />
    );
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
      <ContentHeader title={cluster ?? 'Clusters'}>
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
          value={cluster}
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
  const listLink = useRouteRef(rootRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Pending-pod triage"
        subtitle="Why pods wait for a node, what each pool says, and the smallest fix"
        type="Node pools"
        typeLink={listLink()}
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Clusters">
          <ClustersTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/analyze" title="Analyze kubectl JSON">
          <TriageAnalyzeForm />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
