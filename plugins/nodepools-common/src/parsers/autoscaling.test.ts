import { isFixedSize, type Autoscaling } from '../model/pool';
import { parseAksAgentPool } from './aks';
import { parseDoksNodePool } from './doks';
import { parseEksNodegroup } from './eks';
import { parseGkeNodePool } from './gke';
import { parseKarpenterNodePool } from './karpenter';
import type { ItemParser } from './types';

/*
 * The autoscaling range means the same on every cloud: `enabled` says whether
 * the cloud has an autoscaler manage the pool, whatever min and max are;
 * min == max is a fixed size, derived by isFixedSize.
 */
const ctx = { cluster: 'c', region: 'r', account: 'a' };

interface Row {
  cloud: string;
  parse: ItemParser;
  case: string;
  record: Record<string, unknown>;
  autoscaling: Autoscaling;
  fixedSize: boolean;
}

const eks = (scalingConfig?: Record<string, number>) => ({
  nodegroupName: 'ng',
  clusterName: 'c',
  ...(scalingConfig ? { scalingConfig } : {}),
});
const gke = (autoscaling?: Record<string, unknown>) => ({
  name: 'np',
  locations: ['r-1-a'],
  initialNodeCount: 2,
  ...(autoscaling ? { autoscaling } : {}),
});
const aks = (properties: Record<string, unknown>) => ({ name: 'np', properties: { vmSize: 'Standard_D4s_v5', ...properties } });
const doks = (fields: Record<string, unknown>) => ({ name: 'np', size: 's-2vcpu-4gb', count: 3, ...fields });
const karpenter = (spec: Record<string, unknown>) => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'np' },
  spec,
});

const ROWS: Row[] = [
  { cloud: 'EKS', parse: parseEksNodegroup, case: 'a range', record: eks({ minSize: 1, maxSize: 5, desiredSize: 2 }), autoscaling: { enabled: true, min: 1, max: 5 }, fixedSize: false },
  { cloud: 'EKS', parse: parseEksNodegroup, case: 'min == max', record: eks({ minSize: 3, maxSize: 3, desiredSize: 3 }), autoscaling: { enabled: true, min: 3, max: 3 }, fixedSize: true },
  { cloud: 'EKS', parse: parseEksNodegroup, case: 'min == max == 0', record: eks({ minSize: 0, maxSize: 0, desiredSize: 0 }), autoscaling: { enabled: true, min: 0, max: 0 }, fixedSize: true },
  { cloud: 'EKS', parse: parseEksNodegroup, case: 'no scalingConfig in the record', record: eks(), autoscaling: { enabled: true }, fixedSize: false },

  { cloud: 'GKE', parse: parseGkeNodePool, case: 'enabled, a range per zone', record: gke({ enabled: true, minNodeCount: 1, maxNodeCount: 4 }), autoscaling: { enabled: true, min: 1, max: 4 }, fixedSize: false },
  { cloud: 'GKE', parse: parseGkeNodePool, case: 'enabled, min == max', record: gke({ enabled: true, totalMinNodeCount: 2, totalMaxNodeCount: 2 }), autoscaling: { enabled: true, min: 2, max: 2 }, fixedSize: true },
  { cloud: 'GKE', parse: parseGkeNodePool, case: 'enabled left out (proto3 false)', record: gke({ minNodeCount: 1, maxNodeCount: 4 }), autoscaling: { enabled: false }, fixedSize: true },
  { cloud: 'GKE', parse: parseGkeNodePool, case: 'no autoscaling', record: gke(), autoscaling: { enabled: false }, fixedSize: true },

  { cloud: 'AKS', parse: parseAksAgentPool, case: 'enableAutoScaling, a range', record: aks({ enableAutoScaling: true, minCount: 1, maxCount: 5 }), autoscaling: { enabled: true, min: 1, max: 5 }, fixedSize: false },
  { cloud: 'AKS', parse: parseAksAgentPool, case: 'enableAutoScaling, min == max', record: aks({ enableAutoScaling: true, minCount: 2, maxCount: 2 }), autoscaling: { enabled: true, min: 2, max: 2 }, fixedSize: true },
  { cloud: 'AKS', parse: parseAksAgentPool, case: 'off, with leftover bounds', record: aks({ enableAutoScaling: false, minCount: 1, maxCount: 5 }), autoscaling: { enabled: false }, fixedSize: true },
  { cloud: 'AKS', parse: parseAksAgentPool, case: 'a ManagedSystem pool AKS scales itself', record: aks({ mode: 'ManagedSystem' }), autoscaling: { enabled: true }, fixedSize: false },

  { cloud: 'DOKS', parse: parseDoksNodePool, case: 'auto_scale, a range', record: doks({ auto_scale: true, min_nodes: 1, max_nodes: 4 }), autoscaling: { enabled: true, min: 1, max: 4 }, fixedSize: false },
  { cloud: 'DOKS', parse: parseDoksNodePool, case: 'auto_scale, min == max', record: doks({ auto_scale: true, min_nodes: 3, max_nodes: 3 }), autoscaling: { enabled: true, min: 3, max: 3 }, fixedSize: true },
  { cloud: 'DOKS', parse: parseDoksNodePool, case: 'auto_scale off (API returns 0/0)', record: doks({ auto_scale: false, min_nodes: 0, max_nodes: 0 }), autoscaling: { enabled: false }, fixedSize: true },

  { cloud: 'Karpenter', parse: parseKarpenterNodePool, case: 'limits', record: karpenter({ limits: { cpu: '1000' } }), autoscaling: { enabled: true }, fixedSize: false },
  { cloud: 'Karpenter', parse: parseKarpenterNodePool, case: 'cpu: 0', record: karpenter({ limits: { cpu: '0' } }), autoscaling: { enabled: false }, fixedSize: true },
  { cloud: 'Karpenter', parse: parseKarpenterNodePool, case: 'static (replicas)', record: karpenter({ replicas: 3 }), autoscaling: { enabled: false }, fixedSize: true },
];

describe('autoscaling across clouds', () => {
  it.each(ROWS.map(row => [`${row.cloud}: ${row.case}`, row] as const))('%s', (_, row) => {
    const pool = row.parse(row.record, ctx);
    expect(pool.autoscaling).toEqual(row.autoscaling);
    expect(isFixedSize(pool.autoscaling)).toBe(row.fixedSize);
  });
});

describe('isFixedSize', () => {
  it.each([
    [{ enabled: false }, true],
    [{ enabled: false, min: 1, max: 5 }, true],
    [{ enabled: true }, false],
    [{ enabled: true, min: 2 }, false],
    [{ enabled: true, max: 2 }, false],
    [{ enabled: true, min: 2, max: 2 }, true],
    [{ enabled: true, min: 0, max: 0 }, true],
    [{ enabled: true, min: 0, max: 1 }, false],
  ] as Array<[Autoscaling, boolean]>)('%j is %s', (autoscaling, fixed) => {
    expect(isFixedSize(autoscaling)).toBe(fixed);
  });
});
