import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DriftFindingRecord, DriftQuery } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { usePoolLink } from '../../hooks/usePoolLink';
import { DriftAcknowledgeDialog } from '../DriftAcknowledgeDialog';
import { DriftFinding } from '../DriftFinding';

/** The findings the filters select, most severe first, each with its pool linked. */
export function DriftFindingsList({ query, onChanged }: { query: DriftQuery; onChanged(): void }) {
  const api = useApi(nodePoolsApiRef);
  const poolLink = usePoolLink();
  const key = JSON.stringify(query);
  const page = useAsyncRetry(() => api.listDrift(query), [api, key]);
  const [acknowledging, setAcknowledging] = useState<DriftFindingRecord>();

  if (page.loading && !page.value) return <Progress />;
  if (page.error) return <ResponseErrorPanel error={page.error} title="Drift findings could not be loaded" />;
  const items = page.value?.items ?? [];
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Typography variant="body2" data-testid="drift-total">
        {page.value?.totalCount ?? 0} finding{page.value?.totalCount === 1 ? '' : 's'}
        {items.length < (page.value?.totalCount ?? 0) ? `, the first ${items.length} shown` : ''}
      </Typography>
      {items.map(finding => {
        const link = poolLink(finding.ref);
        return (
          <div key={finding.id}>
            <Typography variant="body2">
              {link ? <Link to={`${link}?tab=drift`}>{finding.ref}</Link> : finding.ref}
              {finding.owner ? ` · ${finding.owner}` : ''}
            </Typography>
            <DriftFinding finding={finding} onAcknowledge={setAcknowledging} />
          </div>
        );
      })}
      <DriftAcknowledgeDialog
        finding={acknowledging}
        onClose={() => setAcknowledging(undefined)}
        onAcknowledged={() => {
          setAcknowledging(undefined);
          page.retry();
          onChanged();
        }}
      />
    </Box>
  );
}
