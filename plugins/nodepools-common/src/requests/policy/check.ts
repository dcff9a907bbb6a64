import { REQUEST_KIND_PROFILES } from '../kinds';
import { requestCost } from '../cost';
import type { ValidationResult } from '../types';
import { POLICY_CHECKS, type Derived } from './rules';
import type { PolicyInput } from './types';

/** Runs every policy rule over a request, with its cost. Pure: the caller gathers the input. */
export function checkRequest(input: PolicyInput): ValidationResult {
  const { spec } = input;
  const clouds = REQUEST_KIND_PROFILES[spec.kind].clouds;
  const types = spec.machineTypes.flatMap(name => {
    for (const cloud of clouds) {
      const type = input.catalog.get(cloud, name);
      if (type) return [type];
    }
    return [];
  });
  const quota = input.policy.quotas[spec.owner] ?? input.policy.defaultQuota;
  const { pool, ...cost } = requestCost({
    spec,
    cluster: input.cluster,
    catalog: input.catalog,
    pricing: input.pricing,
    ownerUsage: input.ownerUsage,
    quota,
  });
  const range = spec.autoscaling;
  const derived: Derived = {
    types,
    maxNodes: range ? range.max : spec.nodeCount ?? 0,
    minNodes: range ? range.min : spec.nodeCount ?? 0,
    quota,
    maxMonthly: pool.max?.monthly,
  };
  const violations = POLICY_CHECKS.flatMap(check => check(input, derived));
  return { valid: !violations.some(v => v.severity === 'error'), violations, cost };
}
