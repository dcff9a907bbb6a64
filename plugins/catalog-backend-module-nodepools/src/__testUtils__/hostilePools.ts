import type { PoolSpec } from '@nodepools/plugin-nodepools-common';

const HOSTILE_PARTS = [
  'ノードプール',
  'équipe données',
  'gpu.pool.v2',
  'team/a/b',
  'UPPER_Case',
  '😀-spot',
  '..',
  '-',
  ' padded ',
  'a'.repeat(200),
  'x'.repeat(63),
  'tab\tand\nnewline',
];

/**
 * `count` pools whose cluster and pool names are what clouds and people
 * write: unicode, 200 characters, dots, slashes, blanks, case-only twins
 * and exact collisions once slugged (the same names in other regions).
 */
export function hostilePoolSpecs(count: number): PoolSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const part = HOSTILE_PARTS[i % HOSTILE_PARTS.length];
    const cluster = i % 3 === 0 ? `Prod/${part}` : `prod-${Math.floor(i / 50)}`;
    return {
      provider: (['eks', 'gke', 'aks', 'doks', 'karpenter'] as const)[i % 5],
      account: `acct-${i % 7}`,
      region: `region-${i % 11}`,
      cluster,
      name: i % 4 === 0 ? `${part}-${i % 97}` : `${part}${i}`,
      mode: i % 10 === 0 ? 'system' : 'user',
      os: 'linux',
      machineTypes: ['m6i.xlarge'],
      capacityType: i % 2 ? 'spot' : 'on-demand',
      nodeCount: 1,
      autoscaling: { enabled: false },
      labels: {},
      taints: [],
      zones: [],
      tags: i % 6 === 0 ? {} : { owner: `team ${part}`.slice(0, 40) } as Record<string, string>,
      raw: { index: i },
    };
  });
}
