import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import {
  DEFAULT_GOVERNANCE_OPTIONS,
  GOVERNANCE_RULES,
  type GovernanceOptions,
  type GovernanceRuleId,
} from '@nodepools/plugin-nodepools-common';
import { readDurationMs } from '../inventory/freshness';

/** Every 30 minutes, and debounced after syncs and drift comparisons. */
export const DEFAULT_GOVERNANCE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

const DEFAULT_DEBOUNCE_MS = 10_000;

export interface GovernanceConfig {
  /** False stops the evaluation (the routes still answer from what is stored). */
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  debounceMs: number;
  options: GovernanceOptions;
  /** Remind owners of pools to confirm, once per review period. */
  reminders: boolean;
}

const KEY = 'nodepools.governance';

function positiveNumber(config: Config, key: string, fallback: number, what: string, whole = false): number {
  const value = config.getOptionalNumber(`${KEY}.${key}`) ?? fallback;
  if (!(value > 0) || (whole && !Number.isInteger(value))) {
    throw new Error(`Invalid config at '${KEY}.${key}': expected ${what}, got ${value}`);
  }
  return value;
}

function readDisabledRules(config: Config): GovernanceRuleId[] {
  const key = `${KEY}.disabledRules`;
  const rules = config.getOptionalStringArray(key) ?? [];
  for (const rule of rules) {
    if (!(GOVERNANCE_RULES as readonly string[]).includes(rule)) {
      throw new Error(`Invalid config at '${key}': unknown rule '${rule}'; expected one of ${GOVERNANCE_RULES.join(', ')}`);
    }
  }
  return rules as GovernanceRuleId[];
}

/** Reads `nodepools.governance`; a bad value is an error naming its key. */
export function readGovernanceConfig(config: Config): GovernanceConfig {
  const block = config.getOptionalConfig(KEY);
  const schedule = block?.getOptionalConfig('schedule');
  const ratio = config.getOptionalNumber(`${KEY}.ipHeadroomRatio`) ?? DEFAULT_GOVERNANCE_OPTIONS.ipHeadroomRatio;
  if (!(ratio >= 0 && ratio < 1)) {
    throw new Error(`Invalid config at '${KEY}.ipHeadroomRatio': expected a share from 0 to below 1 (0.1 is 10 %), got ${ratio}`);
  }
  return {
    enabled: config.getOptionalBoolean(`${KEY}.enabled`) ?? true,
    schedule: schedule ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule) : DEFAULT_GOVERNANCE_SCHEDULE,
    debounceMs: readDurationMs(config, `${KEY}.debounce`) ?? DEFAULT_DEBOUNCE_MS,
    reminders: config.getOptionalBoolean(`${KEY}.reminders`) ?? false,
    options: {
      reviewPeriodDays: positiveNumber(config, 'reviewPeriod', DEFAULT_GOVERNANCE_OPTIONS.reviewPeriodDays, 'a whole number of days above 0', true),
      retireAfterDays: positiveNumber(config, 'retireAfterDays', DEFAULT_GOVERNANCE_OPTIONS.retireAfterDays, 'a whole number of days above 0', true),
      ipHeadroomRatio: ratio,
      disabledRules: readDisabledRules(config),
    },
  };
}
