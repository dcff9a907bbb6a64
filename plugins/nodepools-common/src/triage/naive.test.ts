import type { NodePool } from '../model/pool';
import { defaultMachineCatalog } from '../machines/catalog';
import { analyzePendingPods } from './analyze';
import { buildClusterState } from './cluster';
import { Evaluator, FITS_AFTER_SCALE_UP, FITS_NEW_NODE, FITS_NOW } from './evaluate';
import { readTriageInput } from './input';
import { analyzePendingPodsNaive } from '../testing/naiveTriage';

/** A small seeded generator, so a failing case can be reproduced from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/**
 * A random cluster with every kind of constraint: tainted, cordoned and
 * GPU nodes, pools at max and scaled to zero, pods with selectors,
 * affinities, spread constraints, host ports and tolerations.
 */
function randomCluster(seed: number) {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const zones = ['z1', 'z2', 'z3'];
  const teams = ['a', 'b'];
  const pools: NodePool[] = [];
  const nodes: unknown[] = [];
  const pods: unknown[] = [];
  for (let p = 0; p < 6; p++) {
    const name = `pool-${p}`;
    const tainted = rand() < 0.3;
    const gpu = rand() < 0.2;
    const count = p === 5 ? 0 : 1 + Math.floor(rand() * 4);
    const team = pick(teams);
    pools.push({
      ref: `eks/-/-/c/${name}`,
      provider: 'eks',
      cluster: 'c',
      name,
      mode: 'user',
      os: 'linux',
      arch: 'amd64',
      machineTypes: [gpu ? 'g5.xlarge' : pick(['m5.large', 'm5.xlarge'])],
      capacityType: 'on-demand',
      nodeCount: count,
      autoscaling: { enabled: rand() < 0.8, min: 0, max: count + (rand() < 0.5 ? 0 : 2) },
      labels: { team },
      taints: tainted ? [{ key: 'dedicated', value: team, effect: 'NoSchedule' }] : [],
      zones,
      tags: {},
      source: 'test',
      firstSeenAt: '',
      lastSeenAt: '',
      stale: false,
    });
    for (let n = 0; n < count; n++) {
      const nodeName = `${name}-n${n}`;
      const cordoned = rand() < 0.1;
      nodes.push({
        metadata: {
          name: nodeName,
          labels: {
            'eks.amazonaws.com/nodegroup': name,
            'kubernetes.io/hostname': nodeName,
            'kubernetes.io/arch': 'amd64',
            'topology.kubernetes.io/zone': zones[n % 3],
            team,
          },
        },
        spec: {
          unschedulable: cordoned,
          taints: [
            ...(tainted ? [{ key: 'dedicated', value: team, effect: 'NoSchedule' }] : []),
            ...(rand() < 0.1 ? [{ key: 'soft', effect: 'PreferNoSchedule' }] : []),
          ],
        },
        status: {
          allocatable: {
            cpu: pick(['1930m', '3920m']),
            memory: pick(['7Gi', '14Gi']),
            pods: String(pick([4, 8, 29])),
            ...(gpu ? { 'nvidia.com/gpu': '1' } : {}),
          },
        },
      });
      for (let k = 0; k < Math.floor(rand() * 4); k++) {
        pods.push({
          metadata: { name: `${nodeName}-run-${k}`, namespace: 'ns', labels: { app: pick(['web', 'db', 'cache']) } },
          spec: {
            nodeName,
            containers: [
              {
                resources: { requests: { cpu: pick(['100m', '500m', '1']), memory: pick(['256Mi', '2Gi']) } },
                ports: rand() < 0.2 ? [{ containerPort: 80, hostPort: 8080 }] : [],
              },
            ],
            ...(rand() < 0.1
              ? {
                  affinity: {
                    podAntiAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: [
                        { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
                      ],
                    },
                  },
                }
              : {}),
          },
          status: { phase: pick(['Running', 'Running', 'Succeeded']) },
        });
      }
    }
  }
  for (let i = 0; i < 40; i++) {
    const app = pick(['web', 'db', 'cache', 'job']);
    const spec: Record<string, unknown> = {
      containers: [
        {
          resources: {
            requests: { cpu: pick(['100m', '500m', '1500m', '3']), memory: pick(['128Mi', '1Gi', '6Gi']) },
            ...(rand() < 0.15 ? { limits: { 'nvidia.com/gpu': '1' } } : {}),
          },
          ports: rand() < 0.15 ? [{ containerPort: 80, hostPort: 8080 }] : [],
        },
      ],
    };
    const roll = rand();
    if (roll < 0.2) spec.nodeSelector = { team: pick(teams) };
    if (rand() < 0.3) spec.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    if (rand() < 0.2) {
      spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [pick(zones)] }] },
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['pool-0-n0'] }] },
            ].slice(0, 1 + Math.floor(rand() * 2)),
          },
        },
        ...(rand() < 0.5
          ? {
              podAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' },
                ],
              },
            }
          : {}),
      };
    } else if (rand() < 0.2) {
      spec.affinity = {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app } }, topologyKey: pick(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']) },
          ],
        },
      };
    }
    if (rand() < 0.2) {
      spec.topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: pick(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']),
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app } },
        },
      ];
    }
    pods.push({ metadata: { name: `pending-${i}`, namespace: 'ns', labels: { app } }, spec, status: { phase: 'Pending' } });
  }
  return { cluster: 'c', pods: { kind: 'List', items: pods }, nodes: { kind: 'List', items: nodes }, pools };
}

describe('the grouped engine against the naive evaluation', () => {
  it.each(Array.from({ length: 25 }, (_, i) => [1000 + i]))(
    'random cluster %i gets the same fits-now and fits-after-scale-up verdicts',
    seed => {
      const input = randomCluster(seed);
      const fast = analyzePendingPods(input).pods.filter(p => p.state === 'unscheduled');
      const slow = analyzePendingPodsNaive(input).pods;
      const table = (rows: Array<{ name: string; pools: Array<{ pool: string; fitsNow: boolean; fitsAfterScaleUp: boolean }> }>) =>
        rows.flatMap(p => p.pools.map(v => `${p.name} ${v.pool} ${v.fitsNow} ${v.fitsAfterScaleUp}`)).sort();
      expect(table(fast)).toEqual(table(slow));
      expect(fast.length).toBe(40);
    },
  );

  it('the random clusters exercise both answers', () => {
    const verdicts = Array.from({ length: 25 }, (_, i) => analyzePendingPods(randomCluster(1000 + i)))
      .flatMap(r => r.pods)
      .flatMap(p => p.pools);
    expect(verdicts.some(v => v.fitsNow)).toBe(true);
    expect(verdicts.some(v => !v.fitsNow && v.fitsAfterScaleUp)).toBe(true);
    expect(verdicts.some(v => !v.fitsNow && !v.fitsAfterScaleUp)).toBe(true);
    const codes = new Set(verdicts.flatMap(v => v.reasons.map(r => r.code)));
    for (const code of ['taint', 'node-affinity', 'insufficient:cpu', 'ports', 'pod-affinity', 'pod-anti-affinity', 'topology-spread', 'unschedulable', 'max-size']) {
      expect([code, codes.has(code as never)]).toEqual([code, true]);
    }
  });

  it.each(Array.from({ length: 10 }, (_, i) => [2000 + i]))(
    'random cluster %i: the full evaluation behind the reasons agrees with the quick verdict',
    seed => {
      const state = buildClusterState(readTriageInput(randomCluster(seed), []));
      const evaluator = new Evaluator(state, defaultMachineCatalog(), {});
      for (const pod of state.pending) {
        const needs = evaluator.compileNeeds([pod]);
        for (const pool of state.pools) {
          const quick = evaluator.quickVerdict(needs, pool);
          const full = evaluator.evaluatePool(needs, pool);
          expect([pod.name, pool.name, full.fitsNow, full.fitsNewNode, full.fitsAfterScaleUp]).toEqual([
            pod.name,
            pool.name,
            (quick & FITS_NOW) !== 0,
            (quick & FITS_NEW_NODE) !== 0,
            (quick & FITS_AFTER_SCALE_UP) !== 0,
          ]);
          // A pool with nodes that does not fit now always says why.
          expect(!full.fitsNow && pool.nodes.length > 0 && full.nodeReasons.length === 0).toBe(false);
        }
      }
    },
  );
});
