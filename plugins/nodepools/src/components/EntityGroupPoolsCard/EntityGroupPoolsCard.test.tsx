import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import type { NodePool } from '@nodepools/plugin-nodepools-common';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, doksFixed, eksGeneral, gkeGpu } from '../../__testUtils__/pools';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { EntityGroupPoolsCard } from './EntityGroupPoolsCard';

function group(name: string, children: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: children.map(child => ({ type: 'parentOf', targetRef: `group:default/${child}` })),
  };
}

// payments > checkout > checkout-web; each owns one pool.
const payments = group('payments', ['checkout']);
const checkout = group('checkout', ['checkout-web']);
const checkoutWeb = group('checkout-web');
const checkoutPool: NodePool = { ...gkeGpu, owner: 'group:default/checkout', ownerStatus: 'known' };
const webPool: NodePool = {
  ...doksFixed,
  owner: 'group:default/checkout-web',
  ownerSource: 'tag',
  ownerStatus: 'known',
};
const pools = [
  { ...eksGeneral, ownerStatus: 'known' as const },
  checkoutPool,
  webPool,
  ...ALL_POOLS.filter(p => ![eksGeneral.ref, gkeGpu.ref, doksFixed.ref].includes(p.ref)),
];
const catalog = [payments, checkout, checkoutWeb];

const rowRefs = () =>
  screen.queryAllByTestId('entity-pool-row').map(row => row.getAttribute('data-ref'));

describe('EntityGroupPoolsCard', () => {
  it("lists the group's own pools with nodes and capacity, linked to their pages", async () => {
    const api = new FakeNodePoolsApi(pools);
    await renderEntityCard(<EntityGroupPoolsCard />, payments, api, { catalog });
    await screen.findByRole('table', { name: 'Node pools' });
    expect(api.queries[0]).toMatchObject({ owner: ['group:default/payments'] });
    expect(rowRefs()).toEqual([eksGeneral.ref]);
    const row = screen.getByTestId('entity-pool-row');
    expect(within(row).getByRole('link', { name: 'ng-general' })).toHaveAttribute(
      'href',
      `/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}`,
    );
    expect(row).toHaveTextContent('prod-use1');
    expect(row).toHaveTextContent('3 nodes · 1–5');
    // Without the switch, no owner column: every pool is the group's.
    expect(screen.queryByRole('columnheader', { name: 'Owner' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open in Node pools' })).toHaveAttribute(
      'href',
      '/nodepools/pools?owner=group%3Adefault%2Fpayments',
    );
    expect(screen.getByRole('link', { name: 'Review' })).toHaveAttribute(
      'href',
      '/nodepools/owners/group%3Adefault%2Fpayments/review',
    );
  });

  it("adds every descendant group's pools when switched, with their owners", async () => {
    const api = new FakeNodePoolsApi(pools);
    await renderEntityCard(<EntityGroupPoolsCard />, payments, api, { catalog });
    await screen.findByRole('table', { name: 'Node pools' });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Include child groups' }));
    await screen.findByRole('columnheader', { name: 'Owner' });
    await waitFor(() => expect(rowRefs()).toHaveLength(3));
    expect(api.queries[api.queries.length - 1].owner?.slice().sort()).toEqual([
      'group:default/checkout',
      'group:default/checkout-web',
      'group:default/payments',
    ]);
    expect(rowRefs().sort()).toEqual([eksGeneral.ref, checkoutPool.ref, webPool.ref].sort());
    expect(screen.getByText('Pools this group and its child groups own')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Include child groups' }));
    await screen.findByText('Pools this group owns');
    // The caption changes at once; the group's own pools arrive with the next answer.
    await waitFor(() => expect(rowRefs()).toEqual([eksGeneral.ref]));
  });

  it('offers no switch to a group without child groups', async () => {
    const api = new FakeNodePoolsApi(pools);
    await renderEntityCard(<EntityGroupPoolsCard />, checkoutWeb, api, { catalog });
    await screen.findByRole('table', { name: 'Node pools' });
    expect(rowRefs()).toEqual([webPool.ref]);
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it("marks a pool whose owner the catalog does not know, and one's stale data", async () => {
    const unknown: NodePool = {
      ...eksGeneral,
      owner: 'group:default/payments',
      ownerStatus: 'unknown',
      ownerSource: 'tag',
      stale: true,
      staleReason: 'eks-prod: AccessDenied',
    };
    const api = new FakeNodePoolsApi([unknown]);
    await renderEntityCard(<EntityGroupPoolsCard />, payments, api, { catalog });
    const row = await screen.findByTestId('entity-pool-row');
    expect(within(row).getByTestId('unknown-owner-finding')).toHaveTextContent('Unknown owner');
    expect(within(row).getByText('Stale')).toBeInTheDocument();
  });

  it('says when the group owns nothing', async () => {
    const api = new FakeNodePoolsApi(pools);
    const nobody = group('nobody');
    await renderEntityCard(<EntityGroupPoolsCard />, nobody, api, { catalog: [nobody] });
    expect(await screen.findByText('This group owns no pools.')).toBeInTheDocument();
  });
});
