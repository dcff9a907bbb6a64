import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { DEFAULT_GOVERNANCE_SCHEDULE, readGovernanceConfig } from './config';

const read = (governance: JsonObject) => readGovernanceConfig(new ConfigReader({ nodepools: { governance } }));

describe('readGovernanceConfig', () => {
  it('has defaults for everything', () => {
    expect(readGovernanceConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      schedule: DEFAULT_GOVERNANCE_SCHEDULE,
      debounceMs: 10_000,
      reminders: false,
      options: { reviewPeriodDays: 90, retireAfterDays: 14, ipHeadroomRatio: 0.1, disabledRules: [] },
    });
  });

  it('reads every key', () => {
    expect(
      read({
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
        debounce: { seconds: 2 },
        reviewPeriod: 30,
        retireAfterDays: 7,
        ipHeadroomRatio: 0.25,
        disabledRules: ['fixed-size', 'mixed-workloads'],
        reminders: true,
      }),
    ).toEqual({
      enabled: true,
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      debounceMs: 2000,
      reminders: true,
      options: { reviewPeriodDays: 30, retireAfterDays: 7, ipHeadroomRatio: 0.25, disabledRules: ['fixed-size', 'mixed-workloads'] },
    });
  });

  it('names the key of a bad value', () => {
    expect(() => read({ reviewPeriod: 0 })).toThrow("Invalid config at 'nodepools.governance.reviewPeriod'");
    expect(() => read({ reviewPeriod: 1.5 })).toThrow("'nodepools.governance.reviewPeriod'");
    expect(() => read({ retireAfterDays: -1 })).toThrow("'nodepools.governance.retireAfterDays'");
    expect(() => read({ ipHeadroomRatio: 1 })).toThrow("'nodepools.governance.ipHeadroomRatio'");
    expect(() => read({ disabledRules: ['no-such-rule'] })).toThrow("'nodepools.governance.disabledRules': unknown rule 'no-such-rule'");
    expect(() => read({ reminders: 3 })).toThrow('nodepools.governance.reminders');
    expect(() => read({ reviewPeriod: 'ninety' })).toThrow('nodepools.governance.reviewPeriod');
  });
});
