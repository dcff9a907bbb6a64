import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS } from '../../__testUtils__/pools';
import { currentSearch } from '../../__testUtils__/LocationProbe';
import { renderRouter } from '../../__testUtils__/renderRouter';
import { gpuSpec } from '../../__testUtils__/requests';

const SLOW = { timeout: 4000 };

function api() {
  const fake = new FakeNodePoolsApi(ALL_POOLS);
  const w = fake.requestWorkflow;
  w.user = 'user:default/bob';
  w.approver = true;
  w.seed({ ...gpuSpec, name: 'bob-draft' }, { requester: 'user:default/bob', state: 'draft' });
  w.seed({ ...gpuSpec, name: 'alice-gpu' }, { requester: 'user:default/alice', state: 'submitted' });
  w.seed({ ...gpuSpec, name: 'carol-done' }, { requester: 'user:default/carol', state: 'approved' });
  w.seed({ ...gpuSpec, name: 'dave-gpu' }, { requester: 'user:default/dave', state: 'submitted' });
  return fake;
}

function names() {
  return screen.getAllByTestId('request-row').map(row => within(row).getAllByRole('cell')[0].textContent);
}

describe('request lists', () => {
  it('lists the user’s own requests and links each to its page', async () => {
    const fake = api();
    await renderRouter('/nodepools/requests', fake);
    await screen.findAllByTestId('request-row', {}, SLOW);
    expect(names()).toEqual(['bob-draft']);
    expect(fake.requestWorkflow.listQueries.at(-1)).toMatchObject({ view: 'mine' });
    await userEvent.click(screen.getByRole('link', { name: 'bob-draft' }));
    expect(await screen.findByTestId('request-state', {}, SLOW)).toHaveAttribute('data-state', 'draft');
  });

  it('queues the submitted requests of others for an approver, newest first, a page at a time', async () => {
    const fake = api();
    await renderRouter('/nodepools/requests/approvals', fake);
    await screen.findAllByTestId('request-row', {}, SLOW);
    expect(names()).toEqual(['dave-gpu', 'alice-gpu']);
    expect(screen.getByTestId('request-total')).toHaveAttribute('data-count', '2');
    const [row] = screen.getAllByTestId('request-row');
    expect(row).toHaveTextContent('Awaiting approval');
    expect(row).toHaveTextContent('g5.xlarge');
    expect(row).toHaveTextContent('1–4');
  });

  it('pages through a long list', async () => {
    const fake = new FakeNodePoolsApi([]);
    for (let i = 0; i < 120; i++) {
      fake.requestWorkflow.seed({ ...gpuSpec, name: `pool-${i}` });
    }
    await renderRouter('/nodepools/requests', fake);
    await waitFor(() => expect(screen.getAllByTestId('request-row')).toHaveLength(50), SLOW);
    await userEvent.click(screen.getByTestId('request-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('request-row')).toHaveLength(100), SLOW);
    await userEvent.click(screen.getByTestId('request-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('request-row')).toHaveLength(120), SLOW);
    expect(screen.queryByTestId('request-load-more')).not.toBeInTheDocument();
    expect(new Set(names()).size).toBe(120);
    expect(fake.requestWorkflow.listQueries.map(q => q.offset)).toEqual([0, 50, 100]);
  });

  it('asks for the approval queue in pages of 500', async () => {
    const fake = api();
    await renderRouter('/nodepools/requests/approvals', fake);
    await screen.findAllByTestId('request-row', {}, SLOW);
    expect(fake.requestWorkflow.listQueries.at(-1)).toEqual({ view: 'to-approve', limit: 500, offset: 0 });
  });

  it('leads from the pools page to the request form', async () => {
    await renderRouter('/nodepools', api());
    await userEvent.click(await screen.findByRole('button', { name: 'Request a pool' }, SLOW));
    expect(await screen.findByTestId('request-form', {}, SLOW)).toBeInTheDocument();
    expect(currentSearch(screen.getByTestId('location')).toString()).toBe('');
  });
});
