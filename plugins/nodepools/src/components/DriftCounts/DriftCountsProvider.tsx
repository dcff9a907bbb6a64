import { createContext, useContext, useMemo, type ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import type { PoolDriftCount } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';

interface DriftCounts {
  byRef: ReadonlyMap<string, PoolDriftCount>;
  /** Reads the counts again, e.g. after an acknowledgement. */
  reload(): void;
}

const DriftCountsContext = createContext<DriftCounts | undefined>(undefined);

/**
 * Reads the drift counts of every pool once for the pages below it, so
 * each pool card shows its badge without a request of its own. A backend
 * without drift leaves the badges out.
 */
export function DriftCountsProvider({ children }: { children: ReactNode }) {
  const api = useApi(nodePoolsApiRef);
  const counts = useAsyncRetry(() => api.listPoolDriftCounts(), [api]);
  const value = useMemo<DriftCounts>(
    () => ({ byRef: new Map((counts.value ?? []).map(c => [c.ref, c])), reload: counts.retry }),
    [counts.value, counts.retry],
  );
  return <DriftCountsContext.Provider value={value}>{children}</DriftCountsContext.Provider>;
}

/** The drift counts of one pool; undefined without findings or outside a provider. */
export function usePoolDriftCount(ref: string): PoolDriftCount | undefined {
  return useContext(DriftCountsContext)?.byRef.get(ref);
}

/** Reloads the counts of the provider above, if any. */
export function useReloadDriftCounts(): () => void {
  const context = useContext(DriftCountsContext);
  return context?.reload ?? (() => {});
}
