import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { TriageFixPanel } from './TriageFixPanel';

describe('TriageFixPanel', () => {
  it('shows the node selector that targets a pool', async () => {
    await renderInTestApp(
      <TriageFixPanel
        fix={{
          kind: 'target-pool',
          pool: 'arm',
          nodeSelector: { 'eks.amazonaws.com/nodegroup': 'arm', 'kubernetes.io/arch': 'arm64' },
          text: 'target pool arm: replace the pod\'s node selector and affinity with nodeSelector eks.amazonaws.com/nodegroup=arm, kubernetes.io/arch=arm64; it then fits after a scale-up',
        }}
      />,
    );
    expect(screen.getByTestId('triage-fix-kind')).toHaveTextContent('Target pool');
    const snippet = screen.getByTestId('triage-fix-node-selector');
    await waitFor(() =>
      expect(snippet.textContent).toContain(
        'nodeSelector:\n  eks.amazonaws.com/nodegroup: "arm"\n  kubernetes.io/arch: "arm64"',
      ),
    );
    expect(screen.queryByTestId('triage-fix-tolerations')).not.toBeInTheDocument();
  });

  it('shows the max to raise and the request to lower', async () => {
    await renderInTestApp(
      <>
        <TriageFixPanel
          fix={{
            kind: 'raise-max',
            pool: 'highmem',
            max: { from: 1, to: 2, field: 'max' },
            text: "raise pool highmem's max from 1 to 2",
          }}
        />
        <TriageFixPanel
          fix={{
            kind: 'lower-request',
            pool: 'general',
            request: { resource: 'memory', from: '8Gi', to: '6.5Gi' },
            text: 'lower the memory request from 8Gi to 6.5Gi: pool general then takes it after a scale-up',
          }}
        />
      </>,
    );
    const [raise, lower] = screen.getAllByTestId('triage-fix');
    expect(raise).toHaveAttribute('data-kind', 'raise-max');
    expect(within(raise).getByText('Pool highmem max')).toBeInTheDocument();
    expect(within(raise).getByTestId('triage-fix-max')).toHaveTextContent('1 → 2');
    expect(within(lower).getByTestId('triage-fix-kind')).toHaveTextContent('Lower request');
    expect(within(lower).getByText('Request memory')).toBeInTheDocument();
    expect(within(lower).getByTestId('triage-fix-request')).toHaveTextContent('8Gi → 6.5Gi');
  });

  it('names the pods a fix is for, and a kind it does not know as it is', async () => {
    await renderInTestApp(
      <TriageFixPanel
        fix={{ kind: 'drain-node' as never, text: 'drain it' }}
        pods={['shop/a', 'shop/b']}
      />,
    );
    expect(screen.getByTestId('triage-fix-kind')).toHaveTextContent('drain-node');
    expect(screen.getByText('For shop/a, shop/b')).toBeInTheDocument();
  });
});
