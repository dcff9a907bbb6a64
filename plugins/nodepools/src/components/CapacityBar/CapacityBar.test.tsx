import { render, screen } from '@testing-library/react';
import { CapacityBar } from './CapacityBar';

const GiB = 1024 ** 3;

describe('CapacityBar', () => {
  it('shows requested against allocatable cpu and memory', () => {
    render(
      <CapacityBar
        requested={{ cpu: 7.4, memory: 18 * GiB }}
        allocatable={{ cpu: 11.58, memory: 45 * GiB }}
      />,
    );
    expect(screen.getByRole('meter', { name: 'CPU requested' })).toHaveAttribute(
      'aria-valuetext',
      'CPU 7.4 of 11.6 cores requested (64%)',
    );
    expect(screen.getByRole('meter', { name: 'Memory requested' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    expect(
      screen.getByText('Memory 18 GiB of 45 GiB requested (40%)'),
    ).toBeInTheDocument();
  });

  it('leaves out resources the cluster did not report', () => {
    render(<CapacityBar requested={{ cpu: 1 }} allocatable={{ cpu: 4 }} />);
    expect(screen.getAllByRole('meter')).toHaveLength(1);
  });

  it('renders nothing without allocatable amounts', () => {
    const { container } = render(<CapacityBar requested={{}} allocatable={{}} />);
    expect(container).toBeEmptyDOMElement();
  });
});
