import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { COST_GROUP_BY, type CostGroupBy, type CostQuery } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { CostBarChart } from '../GovernanceCharts';
import { CostTable, groupLabel } from './CostTable';

const GROUP_LABEL: Record<CostGroupBy, string> = { owner: 'Owner', cluster: 'Cluster', provider: 'Cloud' };

/** Cost and idle cost per owner, cluster or cloud: a bar chart and the table with capacity. */
export function CostsSection({ query, onGroupBy }: { query: CostQuery; onGroupBy(groupBy: CostGroupBy): void }) {
  const api = useApi(nodePoolsApiRef);
  const key = JSON.stringify(query);
  const costs = useAsync(() => api.getCosts(query), [api, key]);
  const groupBy = query.groupBy ?? 'owner';
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={groupBy}
        aria-label="Group costs by"
        onChange={(_event, value: CostGroupBy | null) => value && onGroupBy(value)}
      >
        {COST_GROUP_BY.map(g => (
          <ToggleButton key={g} value={g} aria-label={`By ${GROUP_LABEL[g].toLowerCase()}`}>
            By {GROUP_LABEL[g].toLowerCase()}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {costs.loading && <Progress />}
      {costs.error && <ResponseErrorPanel error={costs.error} title="Costs could not be loaded" />}
      {costs.value && !costs.loading && (
        <>
          {costs.value.items.length ? (
            <CostBarChart groups={costs.value.items} label={k => groupLabel(costs.value!.groupBy, k)} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              No pools match the filters.
            </Typography>
          )}
          <CostTable items={costs.value.items} total={costs.value.total} groupBy={costs.value.groupBy} />
          <Typography variant="caption" color="textSecondary">
            Monthly cost at the pools' current node counts, from list prices unless real costs are configured; idle is the share of
            it that no pod requests.
          </Typography>
        </>
      )}
    </Box>
  );
}
