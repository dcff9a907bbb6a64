import { screen, within } from '@testing-library/react';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { DRIFT_SUMMARY, driftFindings } from '../../__testUtils__/drift';
import { ALL_POOLS, eksGeneral, eksSpotArm } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

describe('the drift badge of pool cards', () => {
  it('counts the open findings of a pool and takes the color of the worst; acknowledged ones alone show none', async () => {
    await renderRouter('/nodepools', new FakeNodePoolsApi(ALL_POOLS, {}, {}, [], {}, { findings: driftFindings(), summary: DRIFT_SUMMARY }));
    const cards = await screen.findAllByTestId('pool-card');
    const card = (ref: string) => cards.find(c => c.getAttribute('data-ref') === ref)!;
    const badge = await within(card(eksGeneral.ref)).findByTestId('pool-drift-badge');
    expect(badge).toHaveTextContent('2 drift');
    expect(badge).toHaveAttribute('data-severity', 'high');
    expect(within(card(eksSpotArm.ref)).queryByTestId('pool-drift-badge')).toBeNull();
    expect(screen.getAllByTestId('pool-drift-badge')).toHaveLength(1);
  });

  it('shows no badge when the backend has no drift to tell', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderRouter('/nodepools', api);
    await screen.findAllByTestId('pool-card');
    expect(screen.queryAllByTestId('pool-drift-badge')).toEqual([]);
    expect(screen.getByRole('link', { name: 'Drift' })).toHaveAttribute('href', '/nodepools/drift');
  });
});
