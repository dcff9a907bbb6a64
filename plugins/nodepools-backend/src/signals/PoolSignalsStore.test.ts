import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { createStoresFromKnex } from '../store/createStores';
import { DatabaseGovernanceSignals } from './DatabaseGovernanceSignals';
import { DatabasePoolSignalsStore } from './PoolSignalsStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17', 'SQLITE_3'] });
const REF = 'eks/111122223333/eu-west-1/payments-prod/general';
const GiB = 2 ** 30;

describe('the pool signals store', () => {
  it('runs against every database the suite promises', () => {
    expect(databases.eachSupportedId()).toEqual([['POSTGRES_17'], ['SQLITE_3']]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabasePoolSignalsStore;
    let now: Date;
    let reader: DatabaseGovernanceSignals;

    beforeEach(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await createStoresFromKnex(knex);
      store = new DatabasePoolSignalsStore(knex);
      now = new Date('2026-12-02T12:00:00.000Z');
      reader = new DatabaseGovernanceSignals(knex, { peakDays: 14, now: () => now });
    });

    it('writes usage and daily peaks only when they change', async () => {
      const at = (time: string) => `2026-12-02T${time}:00.000Z`;
      const reading = (time: string, used: number, requested: number) => ({
        ref: REF,
        observedAt: at(time),
        used: { cpu: used, memory: used * GiB },
        requested: { cpu: requested, memory: requested * GiB },
      });

      expect(await store.recordObservations([reading('10:00', 1.5, 4)])).toBe(2);
      // The same numbers read again: nothing is written, not even the time.
      expect(await store.recordObservations([reading('10:05', 1.5, 4)])).toBe(0);
      // Usage falls: the latest usage changes, the day's peaks stay.
      expect(await store.recordObservations([reading('10:10', 0.5, 3)])).toBe(1);
      // Requests rise: the day's requested peak rises, the used peak stays.
      expect(await store.recordObservations([reading('10:15', 0.5, 6)])).toBe(1);

      expect(await knex('nodepools_pool_usage')).toEqual([
        { ref: REF, observed_at: at('10:10'), cpu_used: 0.5, memory_used: 0.5 * GiB },
      ]);
      expect(await knex('nodepools_pool_usage_daily')).toEqual([
        {
          ref: REF,
          day: '2026-12-02',
          requested_cpu: 6,
          requested_memory: 6 * GiB,
          used_cpu: 1.5,
          used_memory: 1.5 * GiB,
        },
      ]);
      expect((await reader.read([REF])).get(REF)).toEqual({
        usage: {
          used: { cpu: 0.5, memory: 0.5 * GiB },
          peakRequested: { cpu: 6, memory: 6 * GiB },
          observedAt: at('10:10'),
        },
      });
    });

    it('keeps the peaks of requests of a cluster without metrics, and no usage', async () => {
      const observation = { ref: REF, observedAt: '2026-12-01T08:00:00.000Z', requested: { cpu: 2, memory: GiB } };
      expect(await store.recordObservations([observation])).toBe(1);
      expect(await knex('nodepools_pool_usage')).toEqual([]);
      expect(await knex('nodepools_pool_usage_daily')).toEqual([
        { ref: REF, day: '2026-12-01', requested_cpu: 2, requested_memory: GiB, used_cpu: null, used_memory: null },
      ]);
      // Usage is what the pool uses: without it there is nothing to report.
      expect(await reader.read([REF])).toEqual(new Map());
    });

    it("takes the highest requests of the kept days as the pool's peak, and prunes older days", async () => {
      const days = ['2026-11-10', '2026-11-19', '2026-11-25', '2026-12-02'];
      const requested = [64, 12, 20, 8];
      for (const [index, day] of days.entries()) {
        await store.recordObservations([
          {
            ref: REF,
            observedAt: `${day}T06:00:00.000Z`,
            used: { cpu: 1, memory: GiB },
            requested: { cpu: requested[index], memory: requested[index] * GiB },
          },
        ]);
      }

      // 14 days up to 2 December start on 19 November: the 64 cores of the 10th are out.
      expect(reader.firstPeakDay()).toBe('2026-11-19');
      expect((await reader.read([REF])).get(REF)?.usage?.peakRequested).toEqual({ cpu: 20, memory: 20 * GiB });

      expect(await store.pruneDailyBefore(reader.firstPeakDay())).toBe(1);
      expect((await knex('nodepools_pool_usage_daily').orderBy('day')).map(row => row.day)).toEqual(days.slice(1));
    });

    it('stores subnets and node costs once per change, and reads every kind in chunks', async () => {
      const subnets = [
        { id: 'subnet-b', availableIps: 12, cidr: '10.0.32.0/19' },
        { id: 'subnet-a', availableIps: 8000 },
      ];
      const observedAt = '2026-12-02T11:00:00.000Z';
      expect(await store.recordSubnets([{ ref: REF, subnets, observedAt }])).toBe(1);
      expect(await store.recordSubnets([{ ref: REF, subnets: [...subnets].reverse(), observedAt: '2026-12-02T11:05:00.000Z' }])).toBe(0);
      expect(await store.recordSubnets([{ ref: REF, subnets: [{ ...subnets[0], availableIps: 3 }], observedAt }])).toBe(1);

      const cost = { ref: REF, nodeHourly: 0.192, nodeHours: 504, window: '7d', origin: 'http://opencost:9003', observedAt };
      expect(await store.recordNodeCosts([cost])).toBe(1);
      expect(await store.recordNodeCosts([{ ...cost, observedAt: '2026-12-02T12:00:00.000Z' }])).toBe(0);
      expect(await store.recordNodeCosts([{ ...cost, nodeHourly: 0.2 }])).toBe(1);

      // More refs than one chunk holds, most of them with nothing stored.
      const refs = Array.from({ length: 450 }, (_, i) => `${REF}-${i}`);
      const costs = refs.filter((_, i) => i % 100 === 7).map(ref => ({ ...cost, ref, nodeHourly: 0.5 }));
      await store.recordNodeCosts(costs);

      const signals = await reader.read([...refs, REF, REF]);
      expect([...signals.keys()].sort()).toEqual([REF, ...costs.map(c => c.ref)].sort());
      expect(signals.get(REF)).toEqual({
        subnets: { subnets: [{ id: 'subnet-b', availableIps: 3, cidr: '10.0.32.0/19' }], observedAt },
        realNodeHourly: 0.2,
      });
      expect(signals.get(costs[4].ref)).toEqual({ realNodeHourly: 0.5 });
    });
  });
});
