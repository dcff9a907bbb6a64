import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { TriageClusterSummary } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { ApiErrorPanel } from '../ApiErrorPanel';
import { RelativeTime } from '../RelativeTime';
import { TriageReportView } from '../TriageReportView';
import { TriageClusterContext } from '../TriageFixPanel/TriageClusterContext';

function isNotFound(error: Error): boolean {
  if (error instanceof ResponseError) return error.statusCode === 404;
  return error.name === 'NotFoundError';
}

export interface TriageClusterReportProps {
  /** The cluster's ref, or a bare name. */
  cluster: string;
  /** The cluster's entry of the cluster list, for its last collection's error. */
  summary?: TriageClusterSummary;
}

/** The latest stored triage of one cluster, with when and where it was collected. */
export function TriageClusterReport({ cluster, summary }: TriageClusterReportProps) {
  const api = useApi(nodePoolsApiRef);
  const triage = useAsync(() => api.getClusterTriage(cluster), [api, cluster]);
  const name = summary?.cluster ?? triage.value?.cluster ?? cluster;

  const collectionError = summary?.error && (
    <Box mb={2}>
      <WarningPanel
        severity="error"
        defaultExpanded
        title={
          triage.value
            ? `The last collection of ${name} failed; the report below is from the one before`
            : `The last collection of ${name} failed`
        }
        message={summary.error}
      />
    </Box>
  );

  if (triage.loading) return <Progress />;
  if (triage.error) {
    return (
      <>
        {collectionError}
        {isNotFound(triage.error) ? (
          <EmptyState
            missing="data"
            title={`No triage for ${name}`}
            description="The backend has not collected the pending pods of this cluster. Pick another cluster, or analyze kubectl's JSON of it."
          />
        ) : (
          <ApiErrorPanel error={triage.error} />
        )}
      </>
    );
  }
  const value = triage.value!;
  return (
    <>
      {collectionError}
      <Typography variant="body2" color="textSecondary" paragraph data-testid="triage-collected">
        Collected <RelativeTime value={value.collectedAt} /> from {value.source}
      </Typography>
      <TriageClusterContext.Provider value={value.clusterRef}>
        <TriageReportView report={value.report} />
      </TriageClusterContext.Provider>
    </>
  );
}
