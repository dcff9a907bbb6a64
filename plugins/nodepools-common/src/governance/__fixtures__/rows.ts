import type { PoolCost } from '../../pricing/types';
import type { PoolGovernance } from '../types';

export interface RowSpec {
  name: string;
  cluster?: string;
  provider?: string;
  owner?: string;
  mode?: PoolGovernance['mode'];
  nodes?: number;
  /** Monthly cost now; absent: no price. */
  monthly?: number;
  idleMonthly?: number;
  estimated?: boolean;
  cpu?: [requested: number, allocatable: number];
  memoryGiB?: [requested: number, allocatable: number];
  minorSkew?: number;
  upgradeInProgress?: boolean;
}

/** A pool's governance row with the figures a case names. */
export function row(spec: RowSpec): PoolGovernance {
  const provider = spec.provider ?? 'eks';
  const cluster = spec.cluster ?? 'prod';
  const clusterRef = `${provider}/acct/region/${cluster}`;
  const ref = `${clusterRef}/${spec.name}`;
  const nodes = spec.nodes ?? 3;
  const cost: PoolCost = {
    ref,
    provider,
    cluster,
    known: spec.monthly !== undefined,
    estimated: spec.estimated ?? false,
    notes: [],
    ...(spec.monthly !== undefined ? { current: { nodes, hourly: spec.monthly / 730, monthly: spec.monthly } } : {}),
  };
  const GiB = 2 ** 30;
  return {
    ref,
    name: spec.name,
    cluster,
    clusterRef,
    provider,
    ...(spec.owner ? { owner: spec.owner } : {}),
    mode: spec.mode ?? 'user',
    capacity: {
      nodes,
      requested: { cpu: spec.cpu?.[0] ?? 0, memory: (spec.memoryGiB?.[0] ?? 0) * GiB },
      allocatable: { cpu: spec.cpu?.[1] ?? 0, memory: (spec.memoryGiB?.[1] ?? 0) * GiB },
    },
    cost,
    ...(spec.idleMonthly !== undefined ? { idle: { utilization: 0.5, bindingResource: 'cpu', hourly: spec.idleMonthly / 730, monthly: spec.idleMonthly } } : {}),
    costSource: 'list-price',
    suggestions: [],
    upgrade: {
      upgradeInProgress: spec.upgradeInProgress ?? false,
      upgradeSignals: spec.upgradeInProgress ? ['the provider reports UPDATING'] : [],
      ...(spec.minorSkew !== undefined ? { minorSkew: spec.minorSkew } : {}),
    },
    ip: { prefixDelegationHelps: false },
    findings: 0,
  };
}
