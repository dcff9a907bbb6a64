import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DriftFindingRecord } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { DriftAcknowledgeDialog } from '../DriftAcknowledgeDialog';
import { useReloadDriftCounts } from '../DriftCounts';
import { DriftFinding } from '../DriftFinding';

/** A pool's open and acknowledged drift findings, each with both ways out and an acknowledge button. */
export function DriftPoolTab({ poolRef }: { poolRef: string }) {
  const api = useApi(nodePoolsApiRef);
  const reloadCounts = useReloadDriftCounts();
  const findings = useAsyncRetry(() => api.getPoolDrift(poolRef), [api, poolRef]);
  const [acknowledging, setAcknowledging] = useState<DriftFindingRecord>();

  if (findings.loading && !findings.value) return <Progress />;
  if (findings.error) return <ResponseErrorPanel error={findings.error} title="Drift could not be loaded" />;
  const items = findings.value ?? [];
  return (
    <Box display="flex" flexDirection="column" gridGap={16} data-testid="drift-pool-tab">
      {!items.length && (
        <Typography variant="body2" color="textSecondary">
          No drift: what the desired-state sources declare for this pool matches the cloud and its nodes (or no source declares
          this pool's cluster).
        </Typography>
      )}
      {items.map(finding => (
        <DriftFinding key={finding.id} finding={finding} onAcknowledge={setAcknowledging} />
      ))}
      <DriftAcknowledgeDialog
        finding={acknowledging}
        onClose={() => setAcknowledging(undefined)}
        onAcknowledged={() => {
          setAcknowledging(undefined);
          findings.retry();
          reloadCounts();
        }}
      />
    </Box>
  );
}
