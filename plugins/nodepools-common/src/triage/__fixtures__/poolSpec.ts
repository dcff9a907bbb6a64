import type { PoolSpec } from '../../model/pool';

/**
 * A pool for triage tests: an on-demand Linux user pool that scales from 0
 * to 5, with no labels, taints or zones unless the test says otherwise.
 */
export function poolSpec(overrides: Partial<PoolSpec> & Pick<PoolSpec, 'provider' | 'name'>): PoolSpec {
  return {
    cluster: 'c1',
    mode: 'user',
    os: 'linux',
    machineTypes: [],
    capacityType: 'on-demand',
    autoscaling: { enabled: true, min: 0, max: 5 },
    labels: {},
    taints: [],
    zones: [],
    tags: {},
    raw: {},
    ...overrides,
  };
}
