import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PoolBadges } from './PoolBadges';

describe('PoolBadges', () => {
  it("shows the source's error when hovering the stale badge", async () => {
    render(
      <PoolBadges
        pool={{ stale: true, staleReason: 'eks-prod: AccessDeniedException' }}
      />,
    );
    await userEvent.hover(screen.getByTestId('stale-badge'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'eks-prod: AccessDeniedException',
    );
  });

  it('marks removed pools', () => {
    render(
      <PoolBadges pool={{ stale: false, tombstonedAt: '2026-11-01T00:00:00Z' }} />,
    );
    expect(screen.getByTestId('removed-badge')).toHaveTextContent('Removed');
    expect(screen.queryByTestId('stale-badge')).not.toBeInTheDocument();
  });

  it('shows nothing for a fresh pool', () => {
    const { container } = render(<PoolBadges pool={{ stale: false }} />);
    expect(container).toBeEmptyDOMElement();
  });
});
