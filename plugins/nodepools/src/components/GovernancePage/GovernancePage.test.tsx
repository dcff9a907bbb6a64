import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeGovernance } from '../../__testUtils__/FakeGovernance';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import {
  generalGovernance,
  governanceFindings,
  LEGACY_REF,
  noOwnerFinding,
  PAYMENTS,
  spotGovernance,
  upgradePlan,
} from '../../__testUtils__/governance';
import { currentSearch } from '../../__testUtils__/LocationProbe';
import { ALL_POOLS, eksGeneral } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

function api() {
  const fake = new FakeNodePoolsApi(ALL_POOLS);
  fake.governance = new FakeGovernance({
    findings: governanceFindings(),
    pools: [generalGovernance(), spotGovernance()],
    upgrades: upgradePlan(),
  });
  return fake;
}

const rows = () => screen.queryAllByTestId('governance-finding');

describe('GovernancePage', () => {
  it('lists the open findings with severity, rule, fix, and links to the pool and the owner review', async () => {
    await renderRouter('/nodepools/governance', api());
    expect(await screen.findByTestId('governance-summary')).toHaveTextContent('2 open findings, 1 acknowledged (1 high)');
    await waitFor(() => expect(rows()).toHaveLength(2));
    const skew = rows().find(r => r.getAttribute('data-rule') === 'version-skew')!;
    expect(within(skew).getByText('High')).toBeInTheDocument();
    expect(skew).toHaveTextContent('Version skew');
    expect(skew).toHaveTextContent('Upgrade the node group to 1.31');
    expect(within(skew).getByRole('link', { name: eksGeneral.ref })).toHaveAttribute(
      'href',
      `/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}`,
    );
    expect(within(skew).getByRole('link', { name: PAYMENTS })).toHaveAttribute(
      'href',
      '/nodepools/owners/group%3Adefault%2Fpayments/review',
    );
    const legacy = rows().find(r => r.getAttribute('data-subject') === LEGACY_REF)!;
    expect(legacy).toHaveTextContent('No owner');
    expect(legacy).toHaveTextContent('ng-legacy has no owner');
    expect(screen.getByTestId('findings-total')).toHaveTextContent('2 findings');
  });

  it('narrows the findings by severity and state, keeping the filters in the URL', async () => {
    const fake = api();
    await renderRouter('/nodepools/governance', fake);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'high' } });
    await waitFor(() => expect(rows().map(r => r.getAttribute('data-rule'))).toEqual(['version-skew']));
    expect(currentSearch(screen.getByTestId('location')).getAll('severity')).toEqual(['high']);
    expect(fake.governance.findingQueries.at(-1)).toEqual({ severity: ['high'], state: 'open' });

    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'acknowledged' } });
    await waitFor(() => expect(rows().map(r => r.getAttribute('data-rule'))).toEqual(['fixed-size']));
    expect(screen.getByTestId('finding-acknowledgement')).toHaveTextContent('Acknowledged by user:default/ada: batch needs exactly six');
  });

  it('acknowledges a finding with a reason, after which it leaves the open list', async () => {
    const fake = api();
    await renderRouter('/nodepools/governance', fake);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const legacy = rows().find(r => r.getAttribute('data-subject') === LEGACY_REF)!;
    await userEvent.click(within(legacy).getByRole('button', { name: 'Acknowledge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Acknowledge finding' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Say why this finding is accepted.');
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'retired next sprint');
    fireEvent.change(within(dialog).getByLabelText('Until (optional)'), { target: { value: '2027-01-31' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(rows().map(r => r.getAttribute('data-rule'))).toEqual(['version-skew']));
    expect(fake.governance.acknowledgements).toEqual([
      { id: `no-owner:${LEGACY_REF}`, reason: 'retired next sprint', expiresAt: '2027-01-31T23:59:59.999Z' },
    ]);
    expect(await screen.findByTestId('governance-summary')).toHaveTextContent('1 open finding, 2 acknowledged');
  });

  it("shows the backend's refusal of an acknowledgement in the dialog", async () => {
    const fake = api();
    await renderRouter('/nodepools/governance', fake);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const legacy = rows().find(r => r.getAttribute('data-subject') === LEGACY_REF)!;
    await userEvent.click(within(legacy).getByRole('button', { name: 'Acknowledge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Acknowledge finding' });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'known');
    fake.failure = new Error("You are not allowed to acknowledge findings of the node pool 'ng-legacy'");
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "You are not allowed to acknowledge findings of the node pool 'ng-legacy'",
    );
    expect(fake.governance.acknowledgements).toEqual([]);
  });

  it('pages through many findings', async () => {
    const fake = new FakeNodePoolsApi(ALL_POOLS);
    const many = Array.from({ length: 60 }, (_, i) => {
      const f = noOwnerFinding();
      const ref = `${LEGACY_REF}-${String(i).padStart(2, '0')}`;
      return { ...f, id: `no-owner:${ref}`, subject: { kind: 'pool' as const, ref } };
    });
    fake.governance = new FakeGovernance({ findings: many });
    await renderRouter('/nodepools/governance', fake);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const first = rows().length;
    expect(first).toBeLessThan(60);
    expect(screen.getByTestId('findings-total')).toHaveTextContent(`60 findings, the first ${first} shown`);
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(rows()).toHaveLength(60));
    expect(new Set(rows().map(r => r.getAttribute('data-subject'))).size).toBe(60);
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('offers no acknowledge button to a user without the permission', async () => {
    await renderRouter('/nodepools/governance', api(), {
      permissions: {
        authorize: r => (r.permission.name === 'nodepool.drift.acknowledge' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW),
      },
    });
    await waitFor(() => expect(rows()).toHaveLength(2));
    // The decision arrives after the rows: wait until every row settled on "Open".
    await waitFor(() => expect(screen.getAllByTitle('Acknowledging needs nodepool.drift.acknowledge')).toHaveLength(2));
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
  });

  it('shows the error of a failed call in a panel', async () => {
    const fake = api();
    fake.failure = new Error('the governance evaluation is not ready');
    await renderRouter('/nodepools/governance', fake);
    expect(await screen.findByText(/Findings could not be loaded/)).toBeInTheDocument();
    expect(screen.getAllByText(/the governance evaluation is not ready/).length).toBeGreaterThan(0);
  });

  it('groups costs by owner or cluster, with a bar per group and capacity in the table', async () => {
    const fake = api();
    await renderRouter('/nodepools/governance?tab=costs', fake);
    const table = await screen.findByRole('table', { name: 'Costs' });
    const payments = within(table).getAllByTestId('cost-row').find(r => r.getAttribute('data-key') === PAYMENTS)!;
    expect(payments).toHaveTextContent('$420.48');
    expect(payments).toHaveTextContent('$210.24');
    expect(payments).toHaveTextContent('6 / 12 (3.5 used)');
    expect(within(payments).getByRole('link', { name: PAYMENTS })).toHaveAttribute(
      'href',
      '/nodepools/owners/group%3Adefault%2Fpayments/review',
    );
    const chart = screen.getByRole('figure', { name: 'Monthly cost and idle cost per group' });
    // Two groups, two series: cost and idle.
    expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(4);

    await userEvent.click(screen.getByRole('button', { name: 'By cluster' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('cost-row').map(r => r.getAttribute('data-key'))).toEqual([
        'eks/111122223333/us-east-1/prod-use1',
        'total',
      ]),
    );
    expect(currentSearch(screen.getByTestId('location')).get('groupBy')).toBe('cluster');
    expect(fake.governance.costQueries.at(-1)).toEqual({ groupBy: 'cluster' });
  });

  it('shows a failed cost or upgrade call in a panel', async () => {
    const fake = api();
    fake.failure = new Error('no governance evaluation yet');
    await renderRouter('/nodepools/governance?tab=costs', fake);
    expect(await screen.findByText(/Costs could not be loaded/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Upgrades' }));
    expect(await screen.findByText(/The upgrade plan could not be loaded/)).toBeInTheDocument();
    expect(currentSearch(screen.getByTestId('location')).get('tab')).toBe('upgrades');
  });

  it('lists the upgrade plan in order, with the flags of each step', async () => {
    await renderRouter('/nodepools/governance?tab=upgrades', api());
    const steps = await screen.findAllByTestId('upgrade-step');
    expect(steps.map(s => s.getAttribute('data-order'))).toEqual(['1', '2']);
    expect(steps[1]).toHaveTextContent('1.30 → 1.31 (1 minor behind)');
    expect(steps[1]).toHaveTextContent('maxUnavailable: 1');
    expect([...steps[1].querySelectorAll('[data-flag]')].map(f => f.getAttribute('data-flag'))).toEqual([
      'no-surge',
      'single-pool-cluster',
    ]);
    expect(steps[1]).toHaveTextContent('Only pool of its cluster');
  });

  it('downloads an export with the current filters through the API, saved from memory', async () => {
    const fake = api();
    const createObjectURL = jest.fn(() => 'blob:nodepools-export');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      await renderRouter('/nodepools/governance?tab=exports&owner=group%3Adefault%2Fpayments&severity=high', fake);
      await userEvent.click(await screen.findByRole('button', { name: 'Download findings as CSV' }));
      await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
      expect(fake.governance.exports).toEqual([
        { kind: 'findings', format: 'csv', query: { owner: [PAYMENTS], severity: ['high'], state: 'open' } },
      ]);
      const link = click.mock.instances[0] as unknown as HTMLAnchorElement;
      expect(link.download).toBe('nodepools-findings.csv');
      expect(link.href).toBe('blob:nodepools-export');
      await userEvent.click(screen.getByRole('button', { name: 'Download pools as JSON' }));
      await waitFor(() => expect(fake.governance.exports).toHaveLength(2));
      expect(fake.governance.exports[1]).toEqual({ kind: 'pools', format: 'json', query: { owner: [PAYMENTS] } });
    } finally {
      click.mockRestore();
    }
  });
});
