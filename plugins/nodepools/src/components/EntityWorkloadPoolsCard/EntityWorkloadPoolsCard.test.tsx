import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, eksGeneral, eksSpotArm, gkeGpu } from '../../__testUtils__/pools';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { EntityWorkloadPoolsCard } from './EntityWorkloadPoolsCard';

function component(name: string, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/payments' },
  };
}

const checkout = component('checkout', { 'backstage.io/kubernetes-id': 'checkout' });
const trainer = component('trainer', {
  'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/name=trainer',
  'backstage.io/kubernetes-namespace': 'ml',
});
const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
  relations: [
    { type: 'hasPart', targetRef: 'component:default/checkout' },
    { type: 'hasPart', targetRef: 'component:default/trainer' },
  ],
};

/** What the backend answers for each workload: checkout on two EKS pools, the trainer on the GPU pool and one EKS pool. */
function apiWithWorkloads(): FakeNodePoolsApi {
  const api = new FakeNodePoolsApi(ALL_POOLS);
  api.workloadPools.set('backstage.io/kubernetes-id=checkout|', [
    {
      pool: eksGeneral,
      pods: 5,
      namespaces: [
        { namespace: 'shop', pods: 3 },
        { namespace: 'shop-canary', pods: 2 },
      ],
    },
    { pool: eksSpotArm, pods: 1, namespaces: [{ namespace: 'shop', pods: 1 }] },
  ]);
  api.workloadPools.set('app.kubernetes.io/name=trainer|ml', [
    { pool: gkeGpu, pods: 8, namespaces: [{ namespace: 'ml', pods: 8 }] },
    { pool: eksGeneral, pods: 1, namespaces: [{ namespace: 'ml', pods: 1 }] },
  ]);
  return api;
}

const rowRefs = () =>
  screen.queryAllByTestId('entity-pool-row').map(row => row.getAttribute('data-ref'));

describe('EntityWorkloadPoolsCard', () => {
  it("shows the pools a component's pods run on, by its kubernetes-id, with pods per namespace", async () => {
    const api = apiWithWorkloads();
    await renderEntityCard(<EntityWorkloadPoolsCard />, checkout, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.workloadQueries).toEqual([{ kubernetesId: 'checkout' }]);
    expect(rowRefs()).toEqual([eksGeneral.ref, eksSpotArm.ref]);
    const [general] = screen.getAllByTestId('entity-pool-row');
    expect(within(general).getByTestId('workload-pods')).toHaveTextContent('5 pods');
    expect(general).toHaveTextContent('shop (3), shop-canary (2)');
    expect(general).toHaveTextContent('prod-use1');
    expect(within(general).getByRole('link', { name: 'ng-general' })).toHaveAttribute(
      'href',
      `/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}`,
    );
  });

  it('asks by label selector within the namespace the annotations name', async () => {
    const api = apiWithWorkloads();
    await renderEntityCard(<EntityWorkloadPoolsCard />, trainer, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.workloadQueries).toEqual([
      { labelSelector: 'app.kubernetes.io/name=trainer', namespace: 'ml' },
    ]);
    expect(rowRefs()).toEqual([gkeGpu.ref, eksGeneral.ref]);
  });

  it("adds up a system's components pool by pool, most pods first", async () => {
    const api = apiWithWorkloads();
    await renderEntityCard(<EntityWorkloadPoolsCard />, shop, api, {
      catalog: [shop, checkout, trainer],
    });
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.workloadQueries).toHaveLength(2);
    expect(rowRefs()).toEqual([gkeGpu.ref, eksGeneral.ref, eksSpotArm.ref]);
    const general = screen.getAllByTestId('entity-pool-row')[1];
    expect(within(general).getByTestId('workload-pods')).toHaveTextContent('6 pods');
    expect(general).toHaveTextContent('shop (3), shop-canary (2), ml (1)');
  });

  it('says when no pod of the workload was seen', async () => {
    const api = apiWithWorkloads();
    await renderEntityCard(
      <EntityWorkloadPoolsCard />,
      component('idle', { 'backstage.io/kubernetes-id': 'idle' }),
      api,
    );
    expect(
      await screen.findByText('No running pod of this workload was seen on any known pool.'),
    ).toBeInTheDocument();
  });

  it('tells how to name the workload when the component names none', async () => {
    const api = apiWithWorkloads();
    await renderEntityCard(<EntityWorkloadPoolsCard />, component('library'), api);
    expect(await screen.findByText(/annotate the component with backstage.io\/kubernetes-id/)).toBeInTheDocument();
    expect(api.workloadQueries).toEqual([]);
  });

  it('shows the error of a failed request', async () => {
    const api = apiWithWorkloads();
    api.failure = new Error('Service Unavailable');
    await renderEntityCard(<EntityWorkloadPoolsCard />, checkout, api);
    expect((await screen.findAllByText(/Service Unavailable/)).length).toBeGreaterThan(0);
  });
});
