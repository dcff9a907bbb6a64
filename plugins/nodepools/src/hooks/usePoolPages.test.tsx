import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import type { PoolPage, PoolQuery } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef, type NodePoolsApi } from '../api';
import { aksSystem, eksGeneral, gkeGpu } from '../__testUtils__/pools';
import { usePoolPages } from './usePoolPages';

interface PendingCall {
  query: PoolQuery;
  signal?: AbortSignal;
  resolve(page: PoolPage): void;
}

/** An API whose answers the test releases one by one, in any order. */
function controllableApi() {
  const calls: PendingCall[] = [];
  const api = {
    listPools: (query: PoolQuery, options?: { signal?: AbortSignal }) =>
      new Promise<PoolPage>(resolve => {
        calls.push({ query, signal: options?.signal, resolve });
      }),
  } as unknown as NodePoolsApi;
  return { api, calls };
}

function wrapperFor(api: NodePoolsApi) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[nodePoolsApiRef, api]]}>{children}</TestApiProvider>
  );
}

describe('usePoolPages', () => {
  it('drops the answer to a query the user already left', async () => {
    const { api, calls } = controllableApi();
    const { result, rerender } = renderHook(
      ({ query }: { query: PoolQuery }) => usePoolPages(query, 2),
      { wrapper: wrapperFor(api), initialProps: { query: { provider: ['eks'] } } },
    );
    await waitFor(() => expect(calls).toHaveLength(1));

    rerender({ query: { provider: ['aks'] } });
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[0].signal?.aborted).toBe(true);
    expect(calls[1].query).toEqual({ provider: ['aks'], limit: 2, cursor: undefined });

    act(() => calls[1].resolve({ items: [aksSystem], totalCount: 1 }));
    await waitFor(() => expect(result.current.loading).toBe(false));
    // The slow answer to the old query arrives last and must not win.
    act(() => calls[0].resolve({ items: [eksGeneral], totalCount: 1 }));
    await act(async () => {});

    expect(result.current.items).toEqual([aksSystem]);
    expect(result.current.totalCount).toBe(1);
    expect(result.current.hasMore).toBe(false);
  });

  it('appends later pages once each, even when pools moved between pages', async () => {
    const { api, calls } = controllableApi();
    const { result } = renderHook(() => usePoolPages({}, 2), {
      wrapper: wrapperFor(api),
    });
    await waitFor(() => expect(calls).toHaveLength(1));
    act(() =>
      calls[0].resolve({ items: [eksGeneral, gkeGpu], totalCount: 3, nextCursor: 'c2' }),
    );
    await waitFor(() => expect(result.current.hasMore).toBe(true));

    act(() => result.current.loadMore());
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].query.cursor).toBe('c2');
    act(() => calls[1].resolve({ items: [gkeGpu, aksSystem], totalCount: 3 }));
    await waitFor(() => expect(result.current.loading).toBe(false));

    expect(result.current.items.map(p => p.ref)).toEqual([
      eksGeneral.ref,
      gkeGpu.ref,
      aksSystem.ref,
    ]);
    expect(result.current.hasMore).toBe(false);
  });
});
