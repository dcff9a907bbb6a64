import type { Knex } from 'knex';
import { stableJson } from '../store/stableJson';
import { chunks } from '../store/sync/chunks';
import type { PoolNodeCost, PoolObservation, PoolSubnetsReading } from './types';

/**
 * Where the signals the sources and the cost task read are kept. Every
 * write compares first: a value that did not change writes nothing, so a
 * sync of a quiet fleet costs reads only. Each method returns the rows it
 * wrote.
 */
export interface PoolSignalsStore {
  /** Usage (when read) and the daily peaks of requested and used cpu and memory. */
  recordObservations(observations: PoolObservation[]): Promise<number>;
  recordSubnets(readings: PoolSubnetsReading[]): Promise<number>;
  recordNodeCosts(costs: PoolNodeCost[]): Promise<number>;
  /** Drops the daily peaks of days before `day` (YYYY-MM-DD). */
  pruneDailyBefore(day: string): Promise<number>;
}

type UsageRow = { ref: string; observed_at: string; cpu_used: number; memory_used: number };
type DailyRow = {
  ref: string;
  day: string;
  requested_cpu: number | null;
  requested_memory: number | null;
  used_cpu: number | null;
  used_memory: number | null;
};
type SubnetsRow = { ref: string; subnets: string; observed_at: string };
type CostRow = {
  ref: string;
  node_hourly: number;
  node_hours: number;
  cost_window: string;
  origin: string;
  observed_at: string;
};

const PEAK_COLUMNS = ['requested_cpu', 'requested_memory', 'used_cpu', 'used_memory'] as const;

/** Equal as stored numbers go: doubles read back from either database, within float noise. */
function same(a: number | null | undefined, b: number | null | undefined): boolean {
  const missing = (v: unknown) => v === null || v === undefined;
  if (missing(a) || missing(b)) return missing(a) && missing(b);
  return Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(a)));
}

/** The last of each ref: one pool read twice in one batch counts once. */
function lastByRef<T extends { ref: string }>(items: T[]): T[] {
  return [...new Map(items.map(item => [item.ref, item])).values()];
}

export const utcDay = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

export class DatabasePoolSignalsStore implements PoolSignalsStore {
  constructor(private readonly db: Knex) {}

  async recordObservations(observations: PoolObservation[]): Promise<number> {
    const latest = lastByRef(observations);
    return (await this.#recordUsage(latest)) + (await this.#recordDailyPeaks(latest));
  }

  async #recordUsage(observations: PoolObservation[]): Promise<number> {
    const rows: UsageRow[] = observations.flatMap(o =>
      o.used
        ? [{ ref: o.ref, observed_at: o.observedAt, cpu_used: o.used.cpu, memory_used: o.used.memory }]
        : [],
    );
    return this.#writeChanged('nodepools_pool_usage', rows, (row, stored: UsageRow) =>
      same(row.cpu_used, stored.cpu_used) && same(row.memory_used, stored.memory_used),
    );
  }

  async #recordDailyPeaks(observations: PoolObservation[]): Promise<number> {
    const readings = new Map<string, DailyRow>();
    for (const o of observations) {
      const row: DailyRow = {
        ref: o.ref,
        day: utcDay(o.observedAt),
        requested_cpu: o.requested?.cpu ?? null,
        requested_memory: o.requested?.memory ?? null,
        used_cpu: o.used?.cpu ?? null,
        used_memory: o.used?.memory ?? null,
      };
      if (PEAK_COLUMNS.some(column => row[column] !== null)) readings.set(`${row.ref}\u0000${row.day}`, row);
    }
    let written = 0;
    for (const chunk of chunks([...readings.values()])) {
      const stored: DailyRow[] = await this.db('nodepools_pool_usage_daily')
        .whereIn('ref', chunk.map(r => r.ref))
        .whereIn('day', [...new Set(chunk.map(r => r.day))]);
      const byKey = new Map(stored.map(row => [`${row.ref}\u0000${row.day}`, row]));
      const raised: DailyRow[] = [];
      for (const row of chunk) {
        const before = byKey.get(`${row.ref}\u0000${row.day}`);
        if (!before) {
          raised.push(row);
          continue;
        }
        const peak = { ...before };
        for (const column of PEAK_COLUMNS) {
          const value = row[column];
          if (value !== null && (before[column] === null || value > Number(before[column]))) {
            peak[column] = value;
          }
        }
        if (PEAK_COLUMNS.some(column => !same(peak[column], before[column]))) raised.push(peak);
      }
      if (raised.length) {
        await this.db('nodepools_pool_usage_daily').insert(raised).onConflict(['ref', 'day']).merge();
        written += raised.length;
      }
    }
    return written;
  }

  recordSubnets(readings: PoolSubnetsReading[]): Promise<number> {
    const rows: SubnetsRow[] = lastByRef(readings).map(reading => ({
      ref: reading.ref,
      subnets: stableJson(
        [...reading.subnets]
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(s => ({ id: s.id, availableIps: s.availableIps, ...(s.cidr ? { cidr: s.cidr } : {}) })),
      ),
      observed_at: reading.observedAt,
    }));
    return this.#writeChanged('nodepools_pool_subnets', rows, (row, stored: SubnetsRow) =>
      row.subnets === stored.subnets,
    );
  }

  recordNodeCosts(costs: PoolNodeCost[]): Promise<number> {
    const rows: CostRow[] = lastByRef(costs).map(cost => ({
      ref: cost.ref,
      node_hourly: cost.nodeHourly,
      node_hours: cost.nodeHours,
      cost_window: cost.window,
      origin: cost.origin,
      observed_at: cost.observedAt,
    }));
    return this.#writeChanged('nodepools_pool_node_costs', rows, (row, stored: CostRow) =>
      same(row.node_hourly, stored.node_hourly) &&
      same(row.node_hours, stored.node_hours) &&
      row.cost_window === stored.cost_window &&
      row.origin === stored.origin,
    );
  }

  async pruneDailyBefore(day: string): Promise<number> {
    return this.db('nodepools_pool_usage_daily').where('day', '<', day).delete();
  }

  /** Upserts the rows (keyed by `ref`) whose stored row differs or is missing. */
  async #writeChanged<R extends { ref: string }>(
    table: string,
    rows: R[],
    unchanged: (row: R, stored: R) => boolean,
  ): Promise<number> {
    let written = 0;
    for (const chunk of chunks(rows)) {
      const stored: R[] = await this.db(table).whereIn('ref', chunk.map(r => r.ref));
      const byRef = new Map(stored.map(row => [row.ref, row]));
      const changed = chunk.filter(row => {
        const before = byRef.get(row.ref);
        return !before || !unchanged(row, before);
      });
      if (changed.length) {
        await this.db(table).insert(changed).onConflict('ref').merge();
        written += changed.length;
      }
    }
    return written;
  }
}
