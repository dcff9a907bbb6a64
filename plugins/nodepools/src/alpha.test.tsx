import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { ApiBlueprint, coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import plugin, {
  entityClusterPoolsCard,
  entityGroupPoolsCard,
  entityNodePoolsContent,
  entityWorkloadPoolsCard,
  nodePoolsApi,
  nodePoolsPage,
  nodePoolsPoolsSubPage,
} from './alpha';
import { NodePoolsClient, nodePoolsApiRef } from './api';
import { FakeNodePoolsApi } from './__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, eksGeneral, SOURCES } from './__testUtils__/pools';
import { TRIAGES } from './__testUtils__/triage';
import { isNodePoolsAvailable } from './lib/entityPools';
import { gpuSpec } from './__testUtils__/requests';
import { FakeGovernance } from './__testUtils__/FakeGovernance';
import { generalGovernance, governanceFindings, paymentsReview } from './__testUtils__/governance';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: [] },
};

describe('nodepools frontend plugin (new frontend system)', () => {
  it('is the nodepools plugin with its routes', () => {
    expect(plugin.id).toBe('nodepools');
    expect(Object.keys(plugin.routes).sort()).toEqual(['drift', 'governance', 'newRequest', 'ownerReview', 'owners', 'pool', 'pools', 'request', 'requestApprovals', 'requests', 'root', 'sources', 'triage']);
  });

  it('names its extensions the way the README tells adopters', () => {
    expect(plugin.getExtension('api:nodepools')).toBeDefined();
    expect(plugin.getExtension('page:nodepools')).toBeDefined();
    expect(plugin.getExtension('sub-page:nodepools/pools')).toBeDefined();
    expect(plugin.getExtension('sub-page:nodepools/triage')).toBeDefined();
    expect(plugin.getExtension('sub-page:nodepools/sources')).toBeDefined();
    expect(plugin.getExtension('sub-page:nodepools/drift')).toBeDefined();
    expect(plugin.getExtension('sub-page:nodepools/governance')).toBeDefined();
    expect(plugin.getExtension('sub-page:nodepools/owners')).toBeDefined();
    expect(plugin.getExtension('sub-page:nodepools/requests')).toBeDefined();
    expect(plugin.getExtension('entity-card:nodepools/group-pools')).toBeDefined();
    expect(plugin.getExtension('entity-card:nodepools/cluster-pools')).toBeDefined();
    expect(plugin.getExtension('entity-card:nodepools/workload-pools')).toBeDefined();
    expect(plugin.getExtension('entity-content:nodepools/pools')).toBeDefined();
    expect(plugin.getExtension('scaffolder-form-field:nodepools/node-pool-picker')).toBeDefined();
  });

  it('provides the client of the nodepools backend', () => {
    const factory = createExtensionTester(nodePoolsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(nodePoolsApiRef.id);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://127.0.0.1/api/nodepools' },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(NodePoolsClient);
  });

  it('mounts its page at /nodepools, titled for the navigation, with the pool list as first tab', async () => {
    const tester = createExtensionTester(nodePoolsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/nodepools');
    expect(tester.get(coreExtensionData.title)).toBe('Node pools');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    const pools = createExtensionTester(nodePoolsPoolsSubPage);
    expect(pools.get(coreExtensionData.routePath)).toBe('pools');
    expect(pools.get(coreExtensionData.title)).toBe('Pools');

    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools/pools?provider=eks'],
      apis: [[nodePoolsApiRef, new FakeNodePoolsApi(ALL_POOLS)]],
    });
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('2 pools');
    expect(screen.getAllByTestId('pool-card')).toHaveLength(2);
    // The app draws the header, with the sub-pages as tabs; the page draws none of its own.
    expect(screen.getAllByRole('tab').map(tab => [tab.textContent, tab.getAttribute('href')])).toEqual([
      ['Pools', '/nodepools/pools'],
      ['Triage', '/nodepools/triage'],
      ['Sources', '/nodepools/sources'],
      ['Drift', '/nodepools/drift'],
      ['Governance', '/nodepools/governance'],
      ['Owners', '/nodepools/owners'],
      ['Requests', '/nodepools/requests'],
    ]);
    expect(screen.queryByText(/Kubernetes node pools across/)).not.toBeInTheDocument();
  });

  it('opens the pool list at /nodepools', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools'],
      apis: [[nodePoolsApiRef, new FakeNodePoolsApi(ALL_POOLS)]],
    });
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('8 pools');
  });

  it('opens a pool page and the sources page of the plugin', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools'],
      apis: [[nodePoolsApiRef, new FakeNodePoolsApi(ALL_POOLS, {}, {}, SOURCES)]],
    });
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('8 pools');
    expect(screen.getAllByTestId('pool-card')).toHaveLength(ALL_POOLS.length);

    await userEvent.click(screen.getByRole('tab', { name: 'Sources' }));
    expect(await screen.findByText('eks-prod', { selector: 'td' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'All pools' }));
    await userEvent.click(await screen.findByRole('link', { name: 'ng-general' }));
    expect(
      await screen.findByRole('table', { name: 'Pool fields' }),
    ).toBeInTheDocument();
  });

  it('shows each entity card on the entities it is for', async () => {
    const filterOf = (extension: Parameters<typeof createExtensionTester>[0]) =>
      createExtensionTester(extension).get(EntityCardBlueprint.dataRefs.filterFunction)!;
    const cluster = { ...group, kind: 'Resource', spec: { type: 'kubernetes-cluster', owner: 'x' } };
    const service = {
      ...group,
      kind: 'Component',
      metadata: { name: 'api', annotations: { 'backstage.io/kubernetes-id': 'api' } },
      spec: { type: 'service' },
    };
    const bare = { ...service, metadata: { name: 'lib' } };
    const system = { ...group, kind: 'System', spec: { owner: 'x' } };
    const matching = (extension: Parameters<typeof createExtensionTester>[0]) =>
      [group, cluster, service, bare, system].filter(filterOf(extension)).map(e => e.kind);
    expect(matching(entityGroupPoolsCard)).toEqual(['Group']);
    expect(matching(entityClusterPoolsCard)).toEqual(['Resource']);
    expect(matching(entityWorkloadPoolsCard)).toEqual(['Component', 'System']);
    expect(matching(entityNodePoolsContent)).toEqual(['Group', 'Resource', 'Component', 'System']);
    // The legacy system's EntitySwitch conditions agree with the predicates.
    expect([group, cluster, service, bare, system].filter(isNodePoolsAvailable).map(e => e.kind)).toEqual(
      ['Group', 'Resource', 'Component', 'System'],
    );

    const tester = createExtensionTester(entityGroupPoolsCard);

    renderInTestApp(
      <EntityProvider entity={group}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [
          [nodePoolsApiRef, new FakeNodePoolsApi(ALL_POOLS)],
          [catalogApiRef, catalogApiMock({ entities: [group] })],
        ],
      },
    );
    expect(await screen.findByText('ng-general')).toBeInTheDocument();
  });

  it('serves a pool page under the mount point', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: [`/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}`],
      apis: [[nodePoolsApiRef, new FakeNodePoolsApi(ALL_POOLS)]],
    });
    expect(
      await screen.findByRole('table', { name: 'Pool fields' }),
    ).toBeInTheDocument();
  });

  it('serves the triage of a cluster under the mount point, reached from the pool list', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools'],
      apis: [[nodePoolsApiRef, new FakeNodePoolsApi(ALL_POOLS, {}, {}, [], { reports: TRIAGES })]],
    });
    await screen.findByTestId('pool-total');
    await userEvent.click(await screen.findByRole('link', { name: '4 pending pods would fit after scale-up' }));
    expect(await screen.findByRole('table', { name: 'Verdicts for s1' })).toBeInTheDocument();
    expect(screen.getByTestId('triage-report')).toHaveAttribute('data-cluster', 'prod-use1');
  });

  it('serves governance and reaches an owner review from a finding, under the mount point', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.governance = new FakeGovernance({ findings: governanceFindings(), pools: [generalGovernance()], reviews: [paymentsReview()] });
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools/governance'],
      apis: [[nodePoolsApiRef, api]],
    });
    expect(await screen.findAllByTestId('governance-finding')).toHaveLength(2);
    await userEvent.click(screen.getByRole('link', { name: 'group:default/payments' }));
    expect(await screen.findByTestId('review-summary')).toHaveTextContent('1 pool, $420.48/month');
    expect(screen.getByRole('tab', { name: 'Owners' })).toHaveAttribute('href', '/nodepools/owners');
  });

  it('opens the approval queue and a request page of the plugin', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.requestWorkflow.approver = true;
    api.requestWorkflow.seed(gpuSpec, { requester: 'user:default/zoe' });
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools/requests/approvals'],
      apis: [[nodePoolsApiRef, api]],
    });
    await userEvent.click(await screen.findByRole('link', { name: 'gpu-train' }));
    expect(await screen.findByTestId('request-state')).toHaveAttribute('data-state', 'submitted');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
  });
});
