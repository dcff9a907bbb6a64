import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { DEFAULT_PAGE_SIZE } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { currentSearch, LocationProbe } from '../../__testUtils__/LocationProbe';
import { ALL_POOLS, eksGeneral, generatePools } from '../../__testUtils__/pools';
import { TRIAGES } from '../../__testUtils__/triage';
import { SEARCH_DEBOUNCE_MS } from '../PoolFilters';
import { NodePoolsPage } from './NodePoolsPage';

async function renderPage(
  api: FakeNodePoolsApi,
  url = '/nodepools',
  pageSize?: number,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[nodePoolsApiRef, api]]}>
      <NodePoolsPage pageSize={pageSize} />
      <LocationProbe />
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/nodepools': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

const cardRefs = () =>
  screen.queryAllByTestId('pool-card').map(card => card.getAttribute('data-ref'));

const search = () => currentSearch(screen.getByTestId('location'));

describe('NodePoolsPage', () => {
  it('shows a card per pool, linked to its page, and the total', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderPage(api);
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('8 pools');
    expect(screen.getByTestId('pool-total')).toHaveAttribute('data-count', '8');
    expect(cardRefs()).toEqual(ALL_POOLS.map(pool => pool.ref));
    const card = screen.getAllByTestId('pool-card')[0];
    expect(within(card).getByRole('link', { name: 'ng-general' })).toHaveAttribute(
      'href',
      `/nodepools/pools/${encodeURIComponent(ALL_POOLS[0].ref)}`,
    );
    expect(api.queries).toEqual([{ limit: DEFAULT_PAGE_SIZE, cursor: undefined }]);
  });

  it('opens the view a shared link describes', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderPage(api, '/nodepools?provider=aks&mode=system&sort=name&order=desc');
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('1 pool');
    expect(cardRefs()).toEqual([
      'aks/0b1f6471-1bf0-4dda-aec3-cb9272f09590/westeurope/shop-weu/system',
    ]);
    expect(api.queries[0]).toEqual({
      provider: ['aks'],
      mode: ['system'],
      sort: 'name',
      order: 'desc',
      limit: DEFAULT_PAGE_SIZE,
      cursor: undefined,
    });
    // The pickers show what the link selected.
    const cloud = screen.getByRole('textbox', { name: 'Cloud' }).closest('[role="combobox"]');
    expect(within(cloud as HTMLElement).getByText('AKS')).toBeInTheDocument();
  });

  it('writes a picked filter to the URL and asks the API for it', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderPage(api);
    await screen.findByTestId('pool-total');

    await userEvent.click(screen.getByRole('textbox', { name: 'Cloud' }));
    await userEvent.click(await screen.findByRole('option', { name: 'GKE' }));

    await waitFor(() => expect(search().getAll('provider')).toEqual(['gke']));
    await waitFor(() => expect(cardRefs()).toEqual(['gke/ml-prod/europe-west4/train-euw4/gpu-l4']));
    expect(api.queries.at(-1)).toMatchObject({ provider: ['gke'] });

    await userEvent.click(screen.getByRole('textbox', { name: 'Capacity type' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Spot' }));
    await waitFor(() =>
      expect(search().toString()).toBe('provider=gke&capacityType=spot'),
    );
    expect(await screen.findByText('No pools match these filters')).toBeInTheDocument();
    expect(api.queries.at(-1)).toMatchObject({
      provider: ['gke'],
      capacityType: ['spot'],
    });
  });

  describe('with a controlled clock', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('sends the free-text search once typing pauses', async () => {
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      const api = new FakeNodePoolsApi(ALL_POOLS);
      await renderPage(api);
      await screen.findByTestId('pool-total');

      const box = screen.getByRole('searchbox', { name: 'Search' });
      await user.type(box, 'windows');
      // Nothing is sent while the user is still typing.
      expect(search().get('q')).toBeNull();
      expect(api.queries.filter(q => q.q !== undefined)).toEqual([]);

      act(() => {
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
      });
      await waitFor(() => expect(search().get('q')).toBe('windows'));
      await waitFor(() =>
        expect(screen.getByTestId('pool-total')).toHaveTextContent('0 pools'),
      );
      // One request for the whole word, not one per keystroke.
      expect(api.queries.filter(q => q.q !== undefined).map(q => q.q)).toEqual([
        'windows',
      ]);

      await user.clear(box);
      await user.type(box, 'Standard_D8');
      act(() => {
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
      });
      await waitFor(() =>
        expect(cardRefs()).toEqual([
          'aks/0b1f6471-1bf0-4dda-aec3-cb9272f09590/westeurope/shop-weu/winspot',
        ]),
      );
      expect(search().get('q')).toBe('Standard_D8');
    });
  });

  it('keeps sort and order in the URL', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderPage(api);
    await screen.findByTestId('pool-total');

    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'nodeCount' } });
    await waitFor(() => expect(search().get('sort')).toBe('nodeCount'));
    fireEvent.change(screen.getByLabelText('Order'), { target: { value: 'desc' } });
    await waitFor(() => expect(search().get('order')).toBe('desc'));
    await waitFor(() =>
      expect(api.queries.at(-1)).toMatchObject({ sort: 'nodeCount', order: 'desc' }),
    );
    await waitFor(() => expect(cardRefs()[0]).toBe(
      'eks/111122223333/us-east-1/prod-use1/ng-spot-arm',
    ));
  });

  it('pages through the server with its cursor', async () => {
    const api = new FakeNodePoolsApi(generatePools(12));
    await renderPage(api, '/nodepools', 5);
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('12 pools');
    expect(screen.getByText('· showing 5')).toBeInTheDocument();
    expect(cardRefs()).toHaveLength(5);

    await userEvent.click(screen.getByTestId('pool-load-more'));
    await waitFor(() => expect(cardRefs()).toHaveLength(10));
    await userEvent.click(screen.getByTestId('pool-load-more'));
    await waitFor(() => expect(cardRefs()).toHaveLength(12));
    expect(screen.queryByTestId('pool-load-more')).not.toBeInTheDocument();
    expect(screen.queryByText(/showing/)).not.toBeInTheDocument();
    expect(cardRefs()).toEqual(generatePools(12).map(pool => pool.ref));
    expect(api.queries.map(q => [q.limit, q.cursor])).toEqual([
      [5, undefined],
      [5, '5'],
      [5, '10'],
    ]);
  });

  it('keeps what was loaded when a later page fails, and retries it', async () => {
    const api = new FakeNodePoolsApi(generatePools(8));
    await renderPage(api, '/nodepools', 5);
    await screen.findByTestId('pool-total');
    api.failure = new Error('upstream timed out');

    await userEvent.click(screen.getByTestId('pool-load-more'));
    expect(await screen.findByText('upstream timed out')).toBeInTheDocument();
    expect(cardRefs()).toHaveLength(5);
    expect(screen.getByTestId('pool-load-more')).toHaveTextContent('Retry');

    api.failure = undefined;
    await userEvent.click(screen.getByTestId('pool-load-more'));
    await waitFor(() => expect(cardRefs()).toHaveLength(8));
    expect(screen.queryByText('upstream timed out')).not.toBeInTheDocument();
    expect(api.queries.map(q => q.cursor)).toEqual([undefined, '5', '5']);
  });

  it('clears the filters but keeps the sort', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    await renderPage(api, '/nodepools?provider=gke&q=gpu&sort=name');
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('1 pool');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('gpu');

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(search().toString()).toBe('sort=name'));
    await waitFor(() => expect(screen.getByTestId('pool-total')).toHaveTextContent('8 pools'));
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  });

  it('shows removed pools on request', async () => {
    const removed = {
      ...ALL_POOLS[6],
      ref: 'doks/-/nyc1/edge-nyc1/pool-old',
      name: 'pool-old',
      tombstonedAt: '2026-11-01T00:00:00.000Z',
    };
    const api = new FakeNodePoolsApi([...ALL_POOLS, removed]);
    await renderPage(api);
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('8 pools');
    expect(screen.queryByTestId('removed-badge')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Show removed pools' }));
    await waitFor(() => expect(search().get('includeTombstoned')).toBe('true'));
    await waitFor(() => expect(screen.getByTestId('pool-total')).toHaveTextContent('9 pools'));
    const card = screen
      .getAllByTestId('pool-card')
      .find(c => c.getAttribute('data-ref') === removed.ref)!;
    expect(within(card).getByTestId('removed-badge')).toBeInTheDocument();
  });

  it('shows the error of a failed listing', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.failure = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'InputError', message: "Invalid query parameter 'region'" },
          response: { statusCode: 400 },
        }),
        { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json' } },
      ),
    );
    await renderPage(api);
    expect(
      (await screen.findAllByText("Invalid query parameter 'region'")).length,
    ).toBeGreaterThan(0);
    // The filter values come from the same backend and are reported apart.
    expect(screen.getByText(/Filter values could not be loaded/)).toBeInTheDocument();
    expect(screen.queryByTestId('pool-total')).not.toBeInTheDocument();
    expect(screen.queryByTestId('pool-card')).not.toBeInTheDocument();
  });

  it('points to the sources when there are no pools at all', async () => {
    await renderPage(new FakeNodePoolsApi([]));
    expect(await screen.findByText('No node pools yet')).toBeInTheDocument();
    expect(screen.getByText('Open sources').closest('a')).toHaveAttribute(
      'href',
      '/nodepools/sources',
    );
  });

  it('shows on each card the pending pods a scale-up would take, fetched once for all cards', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS, {}, {}, [], { reports: TRIAGES });
    await renderPage(api);
    await screen.findByTestId('pool-total');
    const line = await screen.findByTestId('pool-pending-fit');
    expect(line.closest('[data-testid="pool-card"]')).toHaveAttribute('data-ref', eksGeneral.ref);
    expect(within(line).getByRole('link')).toHaveTextContent('4 pending pods would fit after scale-up');
    expect(within(line).getByRole('link')).toHaveAttribute(
      'href',
      `/nodepools/triage?${new URLSearchParams({ cluster: 'eks/111122223333/us-east-1/prod-use1' })}`,
    );

    await userEvent.click(screen.getByRole('checkbox', { name: 'Show removed pools' }));
    await waitFor(() => expect(search().get('includeTombstoned')).toBe('true'));
    await waitFor(() => expect(api.queries).toHaveLength(2));
    expect(screen.getAllByTestId('pool-pending-fit')).toHaveLength(1);
    expect(api.triagePoolsRequests).toBe(1);
  });

  it('shows the cards without counts when the triage cannot be read', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    jest.spyOn(api, 'listTriagePools').mockRejectedValue(new Error('Not found'));
    await renderPage(api);
    await waitFor(() => expect(screen.getAllByTestId('pool-card')).toHaveLength(ALL_POOLS.length));
    expect(screen.queryByTestId('pool-pending-fit')).not.toBeInTheDocument();
    expect(screen.queryByText(/Not found/)).not.toBeInTheDocument();
  });

  it('links to the triage next to the sources', async () => {
    await renderPage(new FakeNodePoolsApi(ALL_POOLS));
    await screen.findByTestId('pool-total');
    expect(screen.getByRole('link', { name: 'Triage' })).toHaveAttribute('href', '/nodepools/triage');
    expect(screen.getByRole('link', { name: 'Sources' })).toHaveAttribute('href', '/nodepools/sources');
  });
});
