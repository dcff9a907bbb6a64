import { performance } from 'node:perf_hooks';
import type { PoolSource, PoolStore } from './backend';

/** Milliseconds spent in the source (read + parse) and the store (reconcile) of one sync. */
export interface PhaseTimes {
  listMs: number;
  applyMs: number;
}

/**
 * Wraps a source and a store so a sync's time splits into reading/parsing,
 * reconciling in the database, and (the rest) preparing pools in between.
 */
export function timePhases(source: PoolSource, store: PoolStore) {
  const times: PhaseTimes = { listMs: 0, applyMs: 0 };
  const timedSource: PoolSource = {
    id: source.id,
    kind: source.kind,
    target: source.target,
    async list(options) {
      const start = performance.now();
      try {
        return await source.list(options);
      } finally {
        times.listMs += performance.now() - start;
      }
    },
  };
  const timedStore: PoolStore = Object.create(store, {
    applySync: {
      value: async (sync: Parameters<PoolStore['applySync']>[0]) => {
        const start = performance.now();
        try {
          return await store.applySync(sync);
        } finally {
          times.applyMs += performance.now() - start;
        }
      },
    },
  });
  return {
    source: timedSource,
    store: timedStore,
    reset() {
      times.listMs = 0;
      times.applyMs = 0;
    },
    times: () => ({ ...times }),
  };
}
