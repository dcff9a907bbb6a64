import { ConfigReader } from '@backstage/config';
import { DEFAULT_TRIAGE_LIMITS, readTriageLimits } from './limits';

const read = (limits: object) => readTriageLimits(new ConfigReader({ nodepools: { triage: { limits } } }));

describe('readTriageLimits', () => {
  it('gives the defaults when nothing is configured', () => {
    expect(readTriageLimits(new ConfigReader({}))).toEqual(DEFAULT_TRIAGE_LIMITS);
    expect(DEFAULT_TRIAGE_LIMITS.maxExplained).toBe(20_000);
  });

  it('reads each limit, sizes and durations in their own notation', () => {
    expect(read({ maxExplained: 500, maxWork: 1000, maxBodySize: '64mb', timeBudget: { seconds: 30 } })).toMatchObject({
      maxExplained: 500,
      maxWork: 1000,
      maxBodySize: 64 * 1024 * 1024,
      timeBudgetMs: 30_000,
    });
  });

  it.each([
    [{ maxExplained: 0 }, "Invalid number at 'nodepools.triage.limits.maxExplained': must be a whole number of at least 1, got 0"],
    [{ maxExplained: 2.5 }, "Invalid number at 'nodepools.triage.limits.maxExplained': must be a whole number of at least 1, got 2.5"],
    [{ maxPods: -1 }, "Invalid number at 'nodepools.triage.limits.maxPods': must be a whole number of at least 1, got -1"],
    [{ maxBodySize: 'big' }, "Invalid size at 'nodepools.triage.limits.maxBodySize'"],
  ])('refuses %j, naming the key', (limits, message) => {
    expect(() => read(limits)).toThrow(message);
  });
});
