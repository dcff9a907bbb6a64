import type { PoolRequestSpec, ValidationResult } from '@nodepools/plugin-nodepools-common';
import { defaultValidation } from './FakeRequestWorkflow';

/** A GPU node group for the prod-use1 cluster of the sample pools. */
export const gpuSpec: PoolRequestSpec = {
  kind: 'eks-managed-node-group',
  cluster: 'eks/111122223333/us-east-1/prod-use1',
  name: 'gpu-train',
  machineTypes: ['g5.xlarge'],
  autoscaling: { min: 1, max: 4 },
  capacityType: 'spot',
  os: 'linux',
  labels: { team: 'ml' },
  taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
  zones: [],
  owner: 'group:default/ml',
  justification: 'Nightly training jobs',
};

/**
 * A validator with two of the backend's rules: spot pools must be tainted
 * (an error) and machine types outside the bundled catalog get no price (a
 * warning).
 */
export function spotAndCatalogRules(spec: PoolRequestSpec): ValidationResult {
  const result = defaultValidation(spec);
  const violations = [...result.violations];
  if (spec.capacityType === 'spot' && !spec.taints.some(t => t.effect !== 'PreferNoSchedule')) {
    violations.push({ field: 'taints', rule: 'spot-tainted', severity: 'error', message: 'a spot pool needs a NoSchedule or NoExecute taint' });
  }
  for (const type of spec.machineTypes) {
    if (!/^[a-z0-9]+\.[a-z0-9]+$/.test(type)) {
      violations.push({ field: 'machineTypes', rule: 'machine-type-known', severity: 'warning', message: `${type} is not in the machine catalog: no price` });
    }
  }
  return { ...result, violations, valid: !violations.some(v => v.severity === 'error') };
}
