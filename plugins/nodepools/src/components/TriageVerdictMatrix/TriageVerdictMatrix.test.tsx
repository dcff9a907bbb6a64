import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { PoolVerdict } from '@nodepools/plugin-nodepools-common';
import { TriageVerdictMatrix } from './TriageVerdictMatrix';

const verdicts: PoolVerdict[] = [
  {
    cluster: 'shop-prod',
    pool: 'batch',
    provider: 'gke',
    ref: 'gke/acme/europe-west1/shop-prod/batch',
    fitsNow: false,
    fitsAfterScaleUp: true,
    reasons: [],
    newNode: { machineType: 'c3-standard-8', source: 'catalog', estimated: true },
  },
  {
    cluster: 'shop-prod',
    pool: 'default-pool',
    provider: 'gke',
    ref: 'gke/acme/europe-west1/shop-prod/default-pool',
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [
      {
        code: 'insufficient:memory',
        message: 'Insufficient memory: requests 24Gi, free at most 3.1Gi of 13.1Gi allocatable',
        scope: 'nodes',
        nodes: 3,
      },
      { code: 'node-affinity', message: 'nodeSelector requires workload=batch, node has no such label', scope: 'pool', nodes: 3 },
    ],
    newNode: { machineType: 'e2-standard-4', source: 'node', estimated: false },
  },
];

describe('TriageVerdictMatrix', () => {
  it('shows a pool scaled to zero as n/a now and as a fit after scale-up', () => {
    render(
      <TriageVerdictMatrix
        signature="s4"
        verdicts={verdicts}
        nodesByRef={new Map([[verdicts[0].ref, 0], [verdicts[1].ref, 3]])}
        suggestedPool="batch"
      />,
      { wrapper: MemoryRouter },
    );
    const table = screen.getByRole('table', { name: 'Verdicts for s4' });
    const headings = within(table).getAllByRole('columnheader').map(th => th.textContent);
    expect(headings).toEqual(['Pool', 'Fits now', 'After scale-up', 'Node affinity', 'Insufficient memory']);

    const [batch, general] = within(table).getAllByRole('row').slice(1);
    // Without the plugin's pages mounted the pool names are plain text.
    expect(within(batch).queryByRole('link')).not.toBeInTheDocument();
    expect(batch.querySelector('th')).toHaveTextContent('batchGKESuggested');
    const statuses = (row: HTMLElement) =>
      [...row.querySelectorAll('td')].map(td => `${td.getAttribute('data-code')}=${td.getAttribute('data-status')}:${td.textContent}`);
    expect(statuses(batch)).toEqual([
      'fits-now=na:n/a',
      'fits-after-scale-up=pass:yes',
      'node-affinity=pass:pass',
      'insufficient:memory=pass:pass',
    ]);
    expect(statuses(general)).toEqual([
      'fits-now=blocker:no',
      'fits-after-scale-up=blocker:no',
      'node-affinity=blocker:blocked',
      'insufficient:memory=blocker:blocked',
    ]);
  });
});
