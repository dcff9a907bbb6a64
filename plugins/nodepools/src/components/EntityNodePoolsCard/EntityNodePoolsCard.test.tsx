import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { nodePoolsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, eksGeneral, eksSpotArm } from '../../__testUtils__/pools';
import { isNodePoolsAvailable } from '../../lib/entityPools';
import { EntityNodePoolsCard } from './EntityNodePoolsCard';

const paymentsGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'Payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const prodCluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-use1' },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
};

const database: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db' },
  spec: { type: 'database', owner: 'group:default/payments' },
};

async function renderCard(entity: Entity, api: FakeNodePoolsApi, withPoolsPage = true) {
  await renderInTestApp(
    <TestApiProvider apis={[[nodePoolsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityNodePoolsCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(withPoolsPage ? { '/nodepools': rootRouteRef } : {}),
      },
    },
  );
}

const rowRefs = () =>
  screen.queryAllByTestId('entity-pool-row').map(row => row.getAttribute('data-ref'));

describe('EntityNodePoolsCard', () => {
  it('lists the pools a group owns', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderCard(paymentsGroup, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.queries[0]).toMatchObject({ owner: ['group:default/payments'] });
    expect(rowRefs()).toEqual([eksGeneral.ref]);
    const row = screen.getByTestId('entity-pool-row');
    expect(within(row).getByRole('link', { name: 'ng-general' })).toHaveAttribute(
      'href',
      `/nodepools/pool/${encodeURIComponent(eksGeneral.ref)}`,
    );
    expect(row).toHaveTextContent('EKS');
    expect(row).toHaveTextContent('prod-use1');
    expect(row).toHaveTextContent('3 nodes · 1–5');
    expect(screen.getByRole('link', { name: 'Open in Node pools' })).toHaveAttribute(
      'href',
      '/nodepools?owner=group%3Adefault%2Fpayments',
    );
  });

  it("lists a cluster resource's pools, stale ones marked", async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderCard(prodCluster, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.queries[0]).toMatchObject({ cluster: ['prod-use1'] });
    expect(rowRefs()).toEqual([eksGeneral.ref, eksSpotArm.ref]);
    const spotRow = screen.getAllByTestId('entity-pool-row')[1];
    expect(within(spotRow).getByText('Stale')).toBeInTheDocument();
    expect(spotRow).toHaveTextContent('us-east-1');
    expect(spotRow).toHaveTextContent('Spot');
  });

  it('says when the group owns nothing', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderCard({ ...paymentsGroup, metadata: { name: 'nobody' } }, api);
    expect(await screen.findByText('This group owns no pools.')).toBeInTheDocument();
  });

  it('names the pools without links in an app without the pools page', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderCard(paymentsGroup, api, false);
    expect(await screen.findByTestId('entity-pool-row')).toHaveTextContent('ng-general');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.failure = new Error('Service Unavailable');
    await renderCard(prodCluster, api);
    expect((await screen.findAllByText(/Service Unavailable/)).length).toBeGreaterThan(0);
  });

  it('applies to groups and kubernetes-cluster resources only', async () => {
    expect(isNodePoolsAvailable(paymentsGroup)).toBe(true);
    expect(isNodePoolsAvailable(prodCluster)).toBe(true);
    expect(isNodePoolsAvailable(database)).toBe(false);
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderCard(database, api);
    expect(screen.getByText(/Node pools are shown for groups/)).toBeInTheDocument();
    expect(api.queries).toEqual([]);
  });
});
