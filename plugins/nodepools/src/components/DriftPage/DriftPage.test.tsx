import { screen, within } from '@testing-library/react';
import type { DesiredScopeStatus } from '@nodepools/plugin-nodepools-common';
import userEvent from '@testing-library/user-event';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { DRIFT_SUMMARY, driftFindings } from '../../__testUtils__/drift';
import { ALL_POOLS, eksGeneral } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

function api(scopes: DesiredScopeStatus[] = []) {
  return new FakeNodePoolsApi(ALL_POOLS, {}, {}, [], {}, { findings: driftFindings(), summary: DRIFT_SUMMARY, scopes });
}

describe('DriftPage', () => {
  it('groups drift by cause, owner and cluster, with counts over time', async () => {
    await renderRouter('/nodepools/drift', api());
    expect(await screen.findByTestId('drift-summary')).toHaveTextContent('2 open, 1 acknowledged');
    const byCause = screen.getByRole('table', { name: 'Drift by Cause' });
    expect(within(byCause).getAllByRole('row').map(r => r.textContent)).toEqual([
      'CauseOpenAcknowledged',
      'Changed outside the IaC10',
      'Node taints10',
      'Not in any IaC01',
    ]);
    const byOwner = screen.getByRole('table', { name: 'Drift by Owner' });
    expect(within(byOwner).getByRole('link', { name: 'group:default/payments' })).toHaveAttribute(
      'href',
      '/nodepools/drift?owner=group%3Adefault%2Fpayments',
    );
    const bars = screen.getByTestId('drift-over-time').querySelectorAll('[data-day]');
    expect([...bars].map(b => [b.getAttribute('data-day'), b.getAttribute('data-open'), b.getAttribute('data-acknowledged')])).toEqual([
      ['2026-11-25', '0', '0'],
      ['2026-11-26', '3', '1'],
      ['2026-11-27', '2', '1'],
    ]);
    // Open and acknowledged findings, each linked to its pool's drift tab.
    expect(await screen.findAllByTestId('drift-finding')).toHaveLength(3);
    expect(screen.getAllByRole('link', { name: eksGeneral.ref })[0]).toHaveAttribute(
      'href',
      `/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}?tab=drift`,
    );
  });

  it('narrows the findings to a cause from its link, and lists all again', async () => {
    await renderRouter('/nodepools/drift', api());
    await userEvent.click(await screen.findByRole('link', { name: 'Node taints' }));
    await screen.findByText('All findings');
    const findings = await screen.findAllByTestId('drift-finding');
    expect(findings.map(f => f.getAttribute('data-cause'))).toEqual(['node-taints']);
    expect(screen.getByTestId('drift-total')).toHaveTextContent('1 finding');
    await userEvent.click(screen.getByRole('link', { name: 'All findings' }));
    expect(await screen.findAllByTestId('drift-finding')).toHaveLength(3);
  });

  it('warns about a desired-state source whose last read failed', async () => {
    await renderRouter(
      '/nodepools/drift',
      api([{ source: 'desired-files', scope: 'file:prod.tfstate', location: 'prod.tfstate', pools: 4, error: "prod.tfstate: field 'version': unsupported Terraform state format version 3" }]),
    );
    expect(await screen.findByText(/Desired state prod\.tfstate could not be read; its last good read is used/)).toBeInTheDocument();
  });
});
