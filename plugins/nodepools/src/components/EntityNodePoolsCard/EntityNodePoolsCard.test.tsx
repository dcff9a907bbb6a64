import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, eksGeneral, eksSpotArm } from '../../__testUtils__/pools';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
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

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', annotations: { 'backstage.io/kubernetes-id': 'checkout' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/payments' },
};

const database: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db' },
  spec: { type: 'database', owner: 'group:default/payments' },
};

const rowRefs = () =>
  screen.queryAllByTestId('entity-pool-row').map(row => row.getAttribute('data-ref'));

describe('EntityNodePoolsCard', () => {
  it("shows a group's pools, its owner ref compared in lower case", async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderEntityCard(<EntityNodePoolsCard />, paymentsGroup, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.queries[0]).toMatchObject({ owner: ['group:default/payments'] });
    expect(rowRefs()).toEqual([eksGeneral.ref]);
  });

  it("shows a cluster resource's pools", async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderEntityCard(<EntityNodePoolsCard />, prodCluster, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(rowRefs()).toEqual([eksGeneral.ref, eksSpotArm.ref]);
  });

  it("shows the pools a component's pods run on", async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.workloadPools.set('backstage.io/kubernetes-id=checkout|', [
      { pool: eksSpotArm, pods: 2, namespaces: [{ namespace: 'shop', pods: 2 }] },
    ]);
    await renderEntityCard(<EntityNodePoolsCard />, checkout, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(rowRefs()).toEqual([eksSpotArm.ref]);
    expect(api.queries).toEqual([]);
  });

  it('names the pools without links in an app without the pools page', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderEntityCard(<EntityNodePoolsCard />, paymentsGroup, api, { withPoolsPage: false });
    expect(await screen.findByTestId('entity-pool-row')).toHaveTextContent('ng-general');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('applies to groups, kubernetes-cluster resources and components naming a workload only', async () => {
    expect(isNodePoolsAvailable(paymentsGroup)).toBe(true);
    expect(isNodePoolsAvailable(prodCluster)).toBe(true);
    expect(isNodePoolsAvailable(checkout)).toBe(true);
    expect(isNodePoolsAvailable(database)).toBe(false);
    expect(isNodePoolsAvailable({ ...checkout, metadata: { name: 'lib' } })).toBe(false);
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderEntityCard(<EntityNodePoolsCard />, database, api);
    expect(screen.getByText(/Node pools are shown for groups/)).toBeInTheDocument();
    expect(api.queries).toEqual([]);
  });
});
