import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeGovernance } from '../../__testUtils__/FakeGovernance';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { generalGovernance, PAYMENTS, paymentsReview, spotGovernance } from '../../__testUtils__/governance';
import { ALL_POOLS, eksGeneral } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

const URL_OF_REVIEW = `/nodepools/owners/${encodeURIComponent(PAYMENTS)}/review`;

function api() {
  const fake = new FakeNodePoolsApi(ALL_POOLS);
  fake.governance = new FakeGovernance({ reviews: [paymentsReview()] });
  return fake;
}

const poolRow = () => screen.getByTestId('review-pool');

describe('OwnerReviewPage', () => {
  it("shows the owner's pools with capacity, cost, idle cost, suggestions, IP headroom, upgrade and what is due", async () => {
    await renderRouter(URL_OF_REVIEW, api());
    expect(await screen.findByTestId('review-summary')).toHaveTextContent(
      '1 pool, $420.48/month of which $210.24 idle; 1 due for confirmation',
    );
    const row = poolRow();
    expect(row).toHaveAttribute('data-ref', eksGeneral.ref);
    expect(within(row).getByRole('link', { name: 'ng-general' })).toHaveAttribute(
      'href',
      `/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}`,
    );
    expect(row).toHaveTextContent('CPU 6 / 12 (3.5 used)');
    expect(row).toHaveTextContent('$420.48');
    expect(row).toHaveTextContent('$210.24');
    expect(within(row).getByTestId('review-suggestion')).toHaveTextContent(
      'Right-size: Requests fill 50% of the cpu: 2 nodes would do (saves $140.16/mo)',
    );
    expect(row).toHaveTextContent('40 more pods before addresses run out');
    expect(row).toHaveTextContent('1.30 → 1.31 (1 minor behind)');
    expect(within(row).getByTestId('review-confirmation')).toHaveTextContent('Due: not confirmed in this review period');
    // The owner's findings, and the charts over time.
    expect(screen.getByRole('table', { name: 'Findings' })).toHaveTextContent('Version skew');
    const cost = screen.getByRole('figure', { name: 'Monthly cost over time' });
    expect(cost.querySelectorAll('.recharts-area')).toHaveLength(2);
    const cpu = screen.getByRole('figure', { name: 'CPU requested and allocatable over time' });
    expect(cpu.querySelectorAll('.recharts-line')).toHaveLength(2);
  });

  it('confirms the selected pools and shows who confirmed them', async () => {
    const fake = api();
    await renderRouter(URL_OF_REVIEW, fake);
    const confirm = await screen.findByRole('button', { name: 'Confirm selected' });
    expect(confirm).toBeDisabled();
    await userEvent.click(within(poolRow()).getByRole('checkbox', { name: 'Select ng-general' }));
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(within(poolRow()).getByTestId('review-confirmation')).toHaveTextContent('Confirmed by user:default/guest'),
    );
    expect(within(poolRow()).getByTestId('review-confirmation')).not.toHaveTextContent('Due');
    expect(fake.governance.confirmations).toEqual([{ owner: PAYMENTS, pools: [{ ref: eksGeneral.ref, action: 'confirm' }] }]);
    expect(screen.getByTestId('review-summary')).toHaveTextContent('0 due for confirmation');
  });

  it('hands pools over to a group named as an entity ref, refusing what is not one', async () => {
    const fake = api();
    await renderRouter(URL_OF_REVIEW, fake);
    await userEvent.click(await within(await screen.findByTestId('review-pool')).findByRole('checkbox', { name: 'Select ng-general' }));
    await userEvent.click(screen.getByRole('button', { name: 'Hand over' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hand over pools' });
    const field = within(dialog).getByRole('textbox', { name: /Group/ });
    await userEvent.type(field, 'user:default/ada');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hand over' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Pools are handed to a group, not a user.');
    await userEvent.clear(field);
    await userEvent.type(field, 'payments');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hand over' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent("The pools are already group:default/payments's.");
    expect(fake.governance.confirmations).toEqual([]);

    await userEvent.clear(field);
    await userEvent.type(field, 'team-ledger');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hand over' }));
    await waitFor(() => expect(screen.queryByTestId('review-pool')).not.toBeInTheDocument());
    expect(fake.governance.confirmations).toEqual([
      { owner: PAYMENTS, pools: [{ ref: eksGeneral.ref, action: 'hand-over', handTo: 'group:default/team-ledger' }] },
    ]);
    expect(screen.getByText('This owner has no pools.')).toBeInTheDocument();
  });

  it('says why a user without the permission cannot confirm, and leaves the pools unselectable', async () => {
    const fake = api();
    await renderRouter(URL_OF_REVIEW, fake, {
      permissions: {
        authorize: r => (r.permission.name === 'nodepool.review.confirm' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW),
      },
    });
    expect(await screen.findByText(/You are not allowed to confirm or hand over these pools$/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm selected' })).not.toBeInTheDocument();
    expect(within(poolRow()).getByRole('checkbox', { name: 'Select ng-general' })).toBeDisabled();
  });

  it('shows the backend error of an owner it cannot review in a panel', async () => {
    await renderRouter(`/nodepools/owners/${encodeURIComponent('group:default/nobody')}/review`, api());
    expect(await screen.findByText(/The review could not be loaded/)).toBeInTheDocument();
    expect(screen.getAllByText(/No pools owned by 'group:default\/nobody'/).length).toBeGreaterThan(0);
  });

  it("exports the owner's pools, findings and costs filtered to the owner", async () => {
    const fake = api();
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:review'), revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      await renderRouter(URL_OF_REVIEW, fake);
      await userEvent.click(await screen.findByRole('button', { name: 'Download pools as CSV' }));
      await userEvent.click(screen.getByRole('button', { name: 'Download findings as JSON' }));
      await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
      expect(fake.governance.exports).toEqual([
        { kind: 'pools', format: 'csv', query: { owner: [PAYMENTS] } },
        { kind: 'findings', format: 'json', query: { owner: [PAYMENTS], state: 'all' } },
      ]);
    } finally {
      click.mockRestore();
    }
  });
});

describe('OwnersPage', () => {
  it('lists each owner with its cost, linked to its review', async () => {
    const fake = api();
    fake.governance = new FakeGovernance({ pools: [generalGovernance(), spotGovernance()] });
    await renderRouter('/nodepools/owners', fake);
    const table = await screen.findByRole('table', { name: 'Costs' });
    expect(within(table).getByRole('link', { name: PAYMENTS })).toHaveAttribute('href', URL_OF_REVIEW);
    expect(within(table).getAllByTestId('cost-row').map(r => r.getAttribute('data-key'))).toEqual([
      PAYMENTS,
      'group:default/data',
    ]);
  });
});
