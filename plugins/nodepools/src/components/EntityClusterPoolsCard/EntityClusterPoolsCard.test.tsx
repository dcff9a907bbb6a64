import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, eksGeneral, eksSpotArm } from '../../__testUtils__/pools';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { TRIAGES } from '../../__testUtils__/triage';
import { EntityClusterPoolsCard } from './EntityClusterPoolsCard';

const prodCluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-use1', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
};

const rowRefs = () =>
  screen.queryAllByTestId('entity-pool-row').map(row => row.getAttribute('data-ref'));

describe('EntityClusterPoolsCard', () => {
  it("lists the cluster's pools with capacity type, nodes and the pending pods each would take", async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS, {}, {}, [], { reports: TRIAGES });
    await renderEntityCard(<EntityClusterPoolsCard />, prodCluster, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.queries[0]).toMatchObject({ cluster: ['prod-use1'] });
    expect(rowRefs()).toEqual([eksGeneral.ref, eksSpotArm.ref]);
    const [general, spot] = screen.getAllByTestId('entity-pool-row');
    expect(general).toHaveTextContent('us-east-1');
    expect(spot).toHaveTextContent('Spot');
    expect(within(spot).getByText('Stale')).toBeInTheDocument();
    // ng-general would take 4 of the cluster's pending pods after a scale-up.
    const pendingColumn = screen
      .getAllByRole('columnheader')
      .findIndex(h => h.textContent === 'Pending pods it would take');
    expect(await within(general).findByText('4')).toBeInTheDocument();
    expect(within(general).getAllByRole('cell')[pendingColumn]).toHaveTextContent('4');
    expect(within(spot).getAllByRole('cell')[pendingColumn]).toHaveTextContent('0');
    const pendingPods = TRIAGES[0].report.pods.length;
    expect(screen.getByTestId('cluster-pending')).toHaveTextContent(`${pendingPods} pending pods`);
    expect(screen.getByRole('link', { name: 'Why they are pending' })).toHaveAttribute(
      'href',
      expect.stringContaining('/nodepools/triage'),
    );
  });

  it('reads the cluster from the entity annotation, telling apart a namesake in another account', async () => {
    const namesake = {
      ...eksGeneral,
      ref: 'eks/999999999999/us-east-1/prod-use1/ng-general',
      account: '999999999999',
    };
    const api = new FakeNodePoolsApi([...ALL_POOLS, namesake]);
    const annotated: Entity = {
      ...prodCluster,
      metadata: {
        ...prodCluster.metadata,
        annotations: { 'nodepools.io/cluster-ref': 'eks/999999999999/us-east-1/prod-use1' },
      },
    };
    await renderEntityCard(<EntityClusterPoolsCard />, annotated, api);
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.queries[0]).toMatchObject({ cluster: ['prod-use1'], region: ['us-east-1'] });
    expect(rowRefs()).toEqual([namesake.ref]);
  });

  it('leaves the pending column empty without a stored triage, and says when no pool is known', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderEntityCard(<EntityClusterPoolsCard />, prodCluster, api);
    const row = (await screen.findAllByTestId('entity-pool-row'))[0];
    expect(within(row).getByText('—')).toBeInTheDocument();
    expect(screen.queryByTestId('cluster-pending')).not.toBeInTheDocument();

    const other = { ...prodCluster, metadata: { name: 'nowhere', namespace: 'default' } };
    await renderEntityCard(<EntityClusterPoolsCard />, other, new FakeNodePoolsApi(ALL_POOLS));
    expect(await screen.findByText('No pools of this cluster are known.')).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.failure = new Error('Service Unavailable');
    await renderEntityCard(<EntityClusterPoolsCard />, prodCluster, api);
    expect((await screen.findAllByText(/Service Unavailable/)).length).toBeGreaterThan(0);
  });
});
