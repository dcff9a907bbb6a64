import { render, screen } from '@testing-library/react';
import type { ObservedNodes } from '@nodepools/plugin-nodepools-common';
import { ObservedNodesSummary } from './ObservedNodesSummary';

const observed = (nodeCount: number, readyCount: number): ObservedNodes => ({
  nodeCount,
  readyCount,
  kubeletVersions: ['v1.31.2'],
  osImages: [],
  zones: [],
  allocatable: {},
  requested: {},
  observedAt: '2026-11-10T11:58:00.000Z',
});

describe('ObservedNodesSummary', () => {
  it('puts the cloud count next to the ready nodes the cluster sees', () => {
    render(<ObservedNodesSummary nodeCount={3} observed={observed(3, 2)} />);
    expect(screen.getByTestId('observed-nodes')).toHaveTextContent(
      'Cloud says 3 nodes, cluster sees 2 ready of 3 nodes',
    );
  });

  it('says so plainly when both agree', () => {
    render(<ObservedNodesSummary nodeCount={2} observed={observed(2, 2)} />);
    expect(screen.getByTestId('observed-nodes')).toHaveTextContent(
      'Cloud says 2 nodes, cluster sees 2 ready',
    );
  });

  it('speaks only for the cluster when the cloud has no count', () => {
    render(<ObservedNodesSummary observed={observed(5, 5)} />);
    expect(screen.getByTestId('observed-nodes')).toHaveTextContent(
      'Cluster sees 5 nodes, 5 ready',
    );
  });
});
