import type { Config } from '@backstage/config';
import {
  DEFAULT_SPECIALISED_CATEGORIES,
  MACHINE_CATEGORIES,
  PROVIDERS,
  readPricingOverrides,
  REQUEST_KINDS,
  toOwnerRef,
  type MachineCategory,
  type MachineTypeRule,
  type OwnerQuota,
  type PricingOverrides,
  type Provider,
  type RequestKind,
  type RequestPolicy,
} from '@nodepools/plugin-nodepools-common';
import { readDurationMs } from '../inventory/freshness';

/** A group that approves requests for the clusters it matches (`*` globs), before the clusters' owners. */
export interface ApproverRule {
  cluster?: string;
  provider?: Provider;
  group: string;
}

export interface RequestsConfig {
  /** How long an approved request may wait for its pool to appear before it expires. */
  expireAfterMs: number;
  approvers: ApproverRule[];
  policy: RequestPolicy;
  pricing: PricingOverrides;
  /** The app's base URL, for links to requests in notifications and Scaffolder output. */
  appBaseUrl?: string;
}

const DEFAULT_EXPIRE_AFTER_MS = 14 * 24 * 60 * 60 * 1000;

function oneOf<T extends string>(config: Config, key: string, values: readonly T[]): T | undefined {
  const value = config.getOptionalString(key);
  if (value !== undefined && !values.includes(value as T)) {
    throw new Error(`Invalid value at '${key}': '${value}' is not one of ${values.join(', ')}`);
  }
  return value as T | undefined;
}

function readQuota(config: Config): OwnerQuota {
  const quota: OwnerQuota = {};
  const maxNodes = config.getOptionalNumber('maxNodes');
  const monthlyCost = config.getOptionalNumber('monthlyCost');
  if (maxNodes !== undefined) quota.maxNodes = maxNodes;
  if (monthlyCost !== undefined) quota.monthlyCost = monthlyCost;
  return quota;
}

function readPolicy(config: Config | undefined): RequestPolicy {
  const namePattern = config?.getOptionalString('namePattern');
  if (namePattern !== undefined) {
    try {
      RegExp(namePattern);
    } catch (error) {
      throw new Error(`Invalid value at 'nodepools.requests.policy.namePattern': ${(error as Error).message}`);
    }
  }
  const machineTypes: MachineTypeRule[] = (config?.getOptionalConfigArray('machineTypes') ?? []).map(rule => ({
    ...(rule.has('kind') ? { kind: oneOf<RequestKind>(rule, 'kind', REQUEST_KINDS) } : {}),
    ...(rule.has('cluster') ? { cluster: rule.getString('cluster') } : {}),
    ...(rule.has('allow') ? { allow: rule.getStringArray('allow') } : {}),
    ...(rule.has('families') ? { families: rule.getStringArray('families') } : {}),
  }));
  const quotas = config?.getOptionalConfig('quotas');
  const categories = config?.getOptionalStringArray('specialisedCategories');
  for (const category of categories ?? []) {
    if (!(MACHINE_CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(`Invalid value at 'nodepools.requests.policy.specialisedCategories': '${category}' is not one of ${MACHINE_CATEGORIES.join(', ')}`);
    }
  }
  return {
    ...(namePattern !== undefined ? { namePattern } : {}),
    machineTypes,
    ...(quotas?.has('default') ? { defaultQuota: readQuota(quotas.getConfig('default')) } : {}),
    quotas: Object.fromEntries(
      (quotas?.getOptionalConfigArray('owners') ?? []).map(owner => [toOwnerRef(owner.getString('owner')), readQuota(owner)]),
    ),
    specialisedCategories: (categories as MachineCategory[] | undefined) ?? [...DEFAULT_SPECIALISED_CATEGORIES],
  };
}

/** `nodepools.requests` and what the workflow reads besides (`nodepools.pricing`, `app.baseUrl`). */
export function readRequestsConfig(config: Config): RequestsConfig {
  const requests = config.getOptionalConfig('nodepools.requests');
  return {
    expireAfterMs: readDurationMs(config, 'nodepools.requests.expireAfter') ?? DEFAULT_EXPIRE_AFTER_MS,
    approvers: (requests?.getOptionalConfigArray('approvers') ?? []).map(rule => ({
      ...(rule.has('cluster') ? { cluster: rule.getString('cluster') } : {}),
      ...(rule.has('provider') ? { provider: oneOf<Provider>(rule, 'provider', PROVIDERS) } : {}),
      group: toOwnerRef(rule.getString('group')),
    })),
    policy: readPolicy(requests?.getOptionalConfig('policy')),
    pricing: readPricingOverrides(config.getOptional('nodepools.pricing')),
    appBaseUrl: config.getOptionalString('app.baseUrl'),
  };
}
