import { render, screen } from '@testing-library/react';
import { NodeCountBar } from './NodeCountBar';

describe('NodeCountBar', () => {
  it('places the count in the autoscaler range', () => {
    render(<NodeCountBar nodeCount={3} autoscaling={{ enabled: true, min: 1, max: 5 }} />);
    const meter = screen.getByRole('meter', { name: 'Node count' });
    expect(meter).toHaveAttribute('aria-valuenow', '3');
    expect(meter).toHaveAttribute('aria-valuemin', '1');
    expect(meter).toHaveAttribute('aria-valuemax', '5');
    expect(meter).toHaveAttribute('aria-valuetext', '3 nodes · 1–5');
    expect(screen.getByText('3 nodes · 1–5')).toBeInTheDocument();
  });

  it('shows a fixed count when autoscaling is off', () => {
    render(<NodeCountBar nodeCount={4} autoscaling={{ enabled: false }} />);
    expect(screen.getByRole('meter')).toHaveAttribute('aria-valuetext', '4 nodes · fixed');
  });

  it('has no bar when there are no node bounds', () => {
    render(<NodeCountBar nodeCount={7} autoscaling={{ enabled: true }} />);
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.getByText('7 nodes · autoscaled, no node bounds')).toBeInTheDocument();
  });

  it('has no bar when the count is unknown', () => {
    render(<NodeCountBar autoscaling={{ enabled: true, min: 0, max: 3 }} />);
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.getByText('Unknown node count · 0–3')).toBeInTheDocument();
  });
});
