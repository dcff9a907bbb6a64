import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { doksFixed, eksGeneral, eksSpotArm, karpenterGeneral } from '../../__testUtils__/pools';
import { PoolCard } from './PoolCard';

const withCatalog = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

function fact(card: HTMLElement, term: string): HTMLElement {
  return within(card).getByText(term, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

describe('PoolCard', () => {
  it('shows every field of a pool the cloud and the cluster both report', async () => {
    await renderInTestApp(
      <PoolCard pool={eksGeneral} to="/nodepools/pools/x" />,
      withCatalog,
    );
    const card = screen.getByTestId('pool-card');
    expect(card).toHaveAttribute('data-ref', eksGeneral.ref);
    expect(within(card).getByText('EKS')).toBeInTheDocument();
    expect(within(card).getByText('prod-use1 · us-east-1')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'ng-general' })).toHaveAttribute(
      'href',
      '/nodepools/pools/x',
    );
    expect(within(card).getByTestId('pool-mode')).toHaveTextContent('User');
    expect(within(card).getByTestId('pool-capacity')).toHaveTextContent('On-demand');
    expect(within(card).getByTestId('pool-platform')).toHaveTextContent('linux/amd64');
    expect(within(card).getByTestId('pool-machine-types')).toHaveTextContent(
      'm6i.xlarge, m5.xlarge',
    );
    expect(within(card).getByRole('meter', { name: 'Node count' })).toHaveAttribute(
      'aria-valuetext',
      '3 nodes · 1–5',
    );
    expect(within(card).getByTestId('observed-nodes')).toHaveTextContent(
      'Cloud says 3 nodes, cluster sees 2 ready',
    );
    expect(within(card).getByRole('meter', { name: 'CPU requested' })).toBeInTheDocument();
    expect(within(card).getByRole('meter', { name: 'Memory requested' })).toBeInTheDocument();
    expect(within(card).queryByTestId('taint')).not.toBeInTheDocument();
    expect(within(card).queryByTestId('stale-badge')).not.toBeInTheDocument();
    expect(within(fact(card, 'Owner')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
    expect(fact(card, 'Kubernetes')).toHaveTextContent('1.31');
    expect(fact(card, 'State')).toHaveTextContent('ACTIVE');
    expect(fact(card, 'Source')).toHaveTextContent('eks-prod');
    expect(fact(card, 'Last seen').querySelector('time')).toHaveAttribute(
      'dateTime',
      eksGeneral.lastSeenAt,
    );
  });

  it('shows spot, ARM, taints, a long machine type list and the stale badge', async () => {
    await renderInTestApp(<PoolCard pool={eksSpotArm} />, withCatalog);
    const card = screen.getByTestId('pool-card');
    expect(within(card).getByTestId('pool-capacity')).toHaveTextContent('Spot');
    expect(within(card).getByTestId('pool-platform')).toHaveTextContent('linux/arm64');
    expect(within(card).getByTestId('pool-machine-types')).toHaveTextContent(
      'm7g.large, m6g.large, c7g.large +1 more',
    );
    expect(within(card).getAllByTestId('taint').map(t => t.textContent)).toEqual([
      'spot=true:NoSchedule',
    ]);
    expect(within(card).getByTestId('stale-badge')).toBeInTheDocument();
    expect(fact(card, 'Owner')).toHaveTextContent('No owner');
    // Without a link target the name is text only.
    expect(within(card).queryByRole('link', { name: 'ng-spot-arm' })).not.toBeInTheDocument();
    expect(within(card).queryByTestId('observed-nodes')).not.toBeInTheDocument();
  });

  it('shows a valueless taint and a fixed count', async () => {
    await renderInTestApp(<PoolCard pool={doksFixed} />, withCatalog);
    expect(screen.getByTestId('taint')).toHaveTextContent('dedicated:PreferNoSchedule');
    expect(screen.getByRole('meter', { name: 'Node count' })).toHaveAttribute(
      'aria-valuetext',
      '3 nodes · fixed',
    );
    expect(screen.getByText('DOKS')).toBeInTheDocument();
    expect(fact(screen.getByTestId('pool-card'), 'State')).toHaveTextContent('—');
  });

  it('shows a pool without node bounds', async () => {
    await renderInTestApp(<PoolCard pool={karpenterGeneral} />, withCatalog);
    expect(screen.getByTestId('node-count')).toHaveTextContent(
      '4 nodes · autoscaled, no node bounds',
    );
    expect(screen.getByText('Karpenter')).toBeInTheDocument();
  });

  it('names the owner in text when the app has no catalog', () => {
    render(<PoolCard pool={eksGeneral} />, {
      wrapper: MemoryRouter,
    });
    expect(screen.getByTestId('pool-owner')).toHaveTextContent('payments');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('says how many pending pods would fit after a scale-up, linked to the triage', async () => {
    await renderInTestApp(
      <PoolCard
        pool={eksGeneral}
        pendingFitAfterScaleUp={4}
        triageLink="/nodepools/triage?cluster=prod-use1"
      />,
      withCatalog,
    );
    const line = screen.getByTestId('pool-pending-fit');
    expect(line).toHaveAttribute('data-count', '4');
    expect(within(line).getByRole('link', { name: '4 pending pods would fit after scale-up' })).toHaveAttribute(
      'href',
      '/nodepools/triage?cluster=prod-use1',
    );
  });

  it('says nothing of pending pods when none would fit', async () => {
    await renderInTestApp(<PoolCard pool={eksGeneral} pendingFitAfterScaleUp={0} />, withCatalog);
    expect(screen.queryByTestId('pool-pending-fit')).not.toBeInTheDocument();
  });

  it('names a single pending pod in the singular', async () => {
    await renderInTestApp(<PoolCard pool={doksFixed} pendingFitAfterScaleUp={1} />, withCatalog);
    expect(screen.getByTestId('pool-pending-fit')).toHaveTextContent(
      '1 pending pod would fit after scale-up',
    );
  });
});
