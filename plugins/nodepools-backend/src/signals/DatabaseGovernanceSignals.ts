import type { Knex } from 'knex';
import type { PoolUsage, SubnetHeadroom } from '@nodepools/plugin-nodepools-common';
import { chunks } from '../store/sync/chunks';
import { utcDay } from './PoolSignalsStore';
import type { GovernanceSignals, PoolSignals } from '../governance/signals';

/** Days of daily peaks a pool's `peakRequested` is the highest of (and that are kept). */
export const DEFAULT_PEAK_DAYS = 14;

type PeakRow = { ref: string; requested_cpu: number | null; requested_memory: number | null };

/**
 * The signals of the given pools, read in chunks of refs: latest usage
 * with the highest requested cpu and memory of the kept days, the subnets'
 * headroom, the node cost from real costs. Refs with nothing stored are
 * left out of the map.
 */
export class DatabaseGovernanceSignals implements GovernanceSignals {
  constructor(
    private readonly db: Knex,
    private readonly options: { peakDays?: number; now?: () => Date } = {},
  ) {}

  async read(refs: string[]): Promise<Map<string, PoolSignals>> {
    const signals = new Map<string, PoolSignals>();
    const of = (ref: string) => {
      let entry = signals.get(ref);
      if (!entry) signals.set(ref, (entry = {}));
      return entry;
    };
    const firstDay = this.firstPeakDay();
    for (const chunk of chunks([...new Set(refs)])) {
      const [usage, peaks, subnets, costs] = await Promise.all([
        this.db('nodepools_pool_usage').whereIn('ref', chunk),
        this.db('nodepools_pool_usage_daily')
          .whereIn('ref', chunk)
          .where('day', '>=', firstDay)
          .groupBy('ref')
          .select('ref')
          .max({ requested_cpu: 'requested_cpu', requested_memory: 'requested_memory' }),
        this.db('nodepools_pool_subnets').whereIn('ref', chunk),
        this.db('nodepools_pool_node_costs').whereIn('ref', chunk),
      ]);
      const peakOf = new Map((peaks as PeakRow[]).map(row => [row.ref, row]));
      for (const row of usage) {
        of(row.ref).usage = usageOf(row, peakOf.get(row.ref));
      }
      for (const row of subnets) {
        of(row.ref).subnets = {
          subnets: JSON.parse(row.subnets) as SubnetHeadroom['subnets'],
          observedAt: row.observed_at,
        };
      }
      for (const row of costs) {
        of(row.ref).realNodeHourly = Number(row.node_hourly);
      }
    }
    return signals;
  }

  /** The first UTC day whose peaks count. */
  firstPeakDay(): string {
    const days = this.options.peakDays ?? DEFAULT_PEAK_DAYS;
    const now = this.options.now?.() ?? new Date();
    return utcDay(new Date(now.getTime() - (days - 1) * 86_400_000).toISOString());
  }
}

function usageOf(
  row: { observed_at: string; cpu_used: number; memory_used: number },
  peak: PeakRow | undefined,
): PoolUsage {
  const peakRequested: NonNullable<PoolUsage['peakRequested']> = {};
  if (peak?.requested_cpu !== null && peak?.requested_cpu !== undefined) {
    peakRequested.cpu = Number(peak.requested_cpu);
  }
  if (peak?.requested_memory !== null && peak?.requested_memory !== undefined) {
    peakRequested.memory = Number(peak.requested_memory);
  }
  return {
    used: { cpu: Number(row.cpu_used), memory: Number(row.memory_used) },
    ...(Object.keys(peakRequested).length ? { peakRequested } : {}),
    observedAt: row.observed_at,
  };
}
