import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useSearchParams } from 'react-router-dom';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { nodePoolsApiRef } from '../../api';
import {
  costQueryOf,
  filtersFromSearchParams,
  findingQueryOf,
  poolQueryOf,
  withFilter,
  type GovernanceFilterKey,
} from '../../lib/governanceFilters';
import { ExportButtons } from '../ExportButtons';
import { PageFrame } from '../PageFrame';
import { CostsSection } from './CostsSection';
import { FindingsSection } from './FindingsSection';
import { GovernanceFilterBar, type FilterOptions } from './GovernanceFilterBar';
import { UpgradesSection } from './UpgradesSection';

const TABS = ['findings', 'costs', 'upgrades', 'exports'] as const;
type GovernanceTab = (typeof TABS)[number];
const TAB_LABEL: Record<GovernanceTab, string> = {
  findings: 'Findings',
  costs: 'Costs',
  upgrades: 'Upgrades',
  exports: 'Exports',
};
/** The filters each section reads. */
const TAB_FILTERS: Record<GovernanceTab, readonly GovernanceFilterKey[]> = {
  findings: ['rule', 'severity', 'owner', 'cluster'],
  costs: ['owner', 'cluster', 'provider'],
  upgrades: ['owner', 'cluster'],
  exports: ['rule', 'severity', 'owner', 'cluster', 'provider'],
};

/** The values the pickers offer: owners and clouds from the pool facets, cluster refs from the cluster list. */
function useFilterOptions(): FilterOptions {
  const api = useApi(nodePoolsApiRef);
  const facets = useAsync(() => api.getFacets(), [api]);
  const clusters = useAsync(() => api.listClusters(), [api]);
  return {
    owner: facets.value?.owner ?? [],
    provider: facets.value?.provider ?? [],
    cluster: (clusters.value ?? []).map(c => c.ref).sort(),
  };
}

/**
 * Governance of the inventory: findings of the pool rules, cost and idle
 * cost per owner, cluster or cloud, the staged upgrade plan and exports.
 * The tab and the filters live in the URL, so a view can be shared.
 */
export function GovernancePage() {
  const api = useApi(nodePoolsApiRef);
  const [params, setParams] = useSearchParams();
  const options = useFilterOptions();
  const summary = useAsyncRetry(() => api.getFindingsSummary(), [api]);
  const tabParam = params.get('tab');
  const tab: GovernanceTab = (TABS as readonly (string | null)[]).includes(tabParam) ? (tabParam as GovernanceTab) : 'findings';
  const filters = filtersFromSearchParams(params);
  const setFilter = (key: string, values: string[]) => setParams(withFilter(params, key, values), { replace: true });

  const findingQuery = findingQueryOf(filters);
  const costQuery = costQueryOf(filters);
  const poolQuery = poolQueryOf(filters);

  return (
    <PageFrame title="Governance" subtitle="Pool findings, costs, upgrades and exports">
      <Box display="flex" flexDirection="column" gridGap={16}>
        {summary.value && (
          <Typography variant="h6" data-testid="governance-summary">
            {summary.value.open} open finding{summary.value.open === 1 ? '' : 's'}, {summary.value.acknowledged} acknowledged
            {summary.value.bySeverity.high ? ` (${summary.value.bySeverity.high} high)` : ''}
          </Typography>
        )}
        <Tabs
          value={tab}
          indicatorColor="primary"
          onChange={(_event, value: GovernanceTab) => setParams(withFilter(params, 'tab', value === 'findings' ? [] : [value]))}
          aria-label="Governance sections"
        >
          {TABS.map(t => (
            <Tab key={t} value={t} label={TAB_LABEL[t]} />
          ))}
        </Tabs>
        <GovernanceFilterBar
          filters={filters}
          options={options}
          keys={TAB_FILTERS[tab]}
          withState={tab === 'findings' || tab === 'exports'}
          onChange={setFilter}
        />
        {tab === 'findings' && <FindingsSection query={findingQuery} onChanged={summary.retry} />}
        {tab === 'costs' && (
          <CostsSection query={costQuery} onGroupBy={groupBy => setFilter('groupBy', groupBy === 'owner' ? [] : [groupBy])} />
        )}
        {tab === 'upgrades' && <UpgradesSection query={{ cluster: filters.cluster[0], owner: filters.owner[0] }} />}
        {tab === 'exports' && (
          <InfoCard title="Exports" subheader="Each export carries the filters above; costs are grouped as on the Costs tab">
            <ExportButtons queries={{ pools: poolQuery, findings: findingQuery, costs: costQuery }} />
          </InfoCard>
        )}
      </Box>
    </PageFrame>
  );
}
