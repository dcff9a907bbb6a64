import type { TopologySpreadConstraint } from '../kube';
import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import {
  buildTopologySpreadState,
  topologySpreadCheck,
  checkTopologySpread,
  compileSpreadConstraints,
  type SpreadNode,
} from './topologySpread';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const labelsOf: Record<string, Record<string, string>> = {
  n1: { [HOST]: 'n1', [ZONE]: 'a' },
  n2: { [HOST]: 'n2', [ZONE]: 'a' },
  n3: { [HOST]: 'n3', [ZONE]: 'b' },
  bare: { [HOST]: 'bare' },
  new: { [HOST]: '\u0000new-node', [ZONE]: 'c' },
};
const web = { app: 'web' };

const spread = (topologyKey: string, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew: 1,
  topologyKey,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'web' } },
  ...extra,
});

interface Case {
  name: string;
  constraints: TopologySpreadConstraint[];
  podLabels?: Record<string, string>;
  /** Matching pods per node. */
  pods: Record<string, number>;
  /** Nodes the pod's node affinity rejects, and nodes with a taint it does not tolerate. */
  affinityRejects?: string[];
  taintRejects?: string[];
  expected: Record<string, boolean>;
}

const cases: Case[] = [
  {
    name: 'a zone with two more pods than the emptiest is full at maxSkew 1',
    constraints: [spread(ZONE)],
    pods: { n1: 1, n2: 1 },
    expected: { n1: false, n2: false, n3: true },
  },
  {
    name: 'balanced zones take the pod anywhere within maxSkew',
    constraints: [spread(ZONE)],
    pods: { n1: 1, n3: 1 },
    expected: { n1: true, n3: true },
  },
  {
    name: 'a node without the topology key fails (missing required label)',
    constraints: [spread(ZONE)],
    pods: {},
    expected: { bare: false },
  },
  {
    name: 'spreading over hostnames counts pods per node',
    constraints: [spread(HOST)],
    pods: { n1: 1 },
    expected: { n1: false, n2: true, n3: true },
  },
  {
    name: 'ScheduleAnyway constraints never filter',
    constraints: [spread(ZONE, { whenUnsatisfiable: 'ScheduleAnyway' })],
    pods: { n1: 5 },
    expected: { n1: true, bare: true },
  },
  {
    name: 'a pod that does not match its own selector adds nothing to the skew',
    constraints: [spread(ZONE, { labelSelector: { matchLabels: { app: 'db' } } })],
    pods: {},
    expected: { n1: true, n3: true },
  },
  {
    name: 'a larger maxSkew allows more imbalance',
    constraints: [spread(ZONE, { maxSkew: 3 })],
    pods: { n1: 2 },
    expected: { n1: true },
  },
  {
    name: 'with fewer domains than minDomains the minimum is zero',
    constraints: [spread(ZONE, { minDomains: 3 })],
    pods: { n1: 1, n3: 1 },
    expected: { n1: false, n3: false },
  },
  {
    name: 'nodes the pod cannot use do not count as domains (nodeAffinityPolicy Honor)',
    constraints: [spread(ZONE)],
    pods: { n1: 2 },
    affinityRejects: ['n3'],
    expected: { n2: true },
  },
  {
    name: 'nodeAffinityPolicy Ignore keeps every node as a domain',
    constraints: [spread(ZONE, { nodeAffinityPolicy: 'Ignore' })],
    pods: { n1: 2 },
    affinityRejects: ['n3'],
    expected: { n2: false },
  },
  {
    name: 'tainted nodes count as domains by default (nodeTaintsPolicy Ignore)',
    constraints: [spread(ZONE)],
    pods: { n1: 2 },
    taintRejects: ['n3'],
    expected: { n2: false },
  },
  {
    name: 'nodeTaintsPolicy Honor drops nodes with untolerated taints',
    constraints: [spread(ZONE, { nodeTaintsPolicy: 'Honor' })],
    pods: { n1: 2 },
    taintRejects: ['n3'],
    expected: { n2: true },
  },
  {
    name: 'matchLabelKeys narrows the count to pods of the same revision',
    constraints: [spread(ZONE, { matchLabelKeys: ['pod-template-hash'] })],
    podLabels: { app: 'web', 'pod-template-hash': 'v2' },
    pods: { n1: 3 },
    expected: { n1: true },
  },
];

describe('checkTopologySpread', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const podLabels = c.podLabels ?? web;
    const nodes: SpreadNode[] = ['n1', 'n2', 'n3', 'bare'].map(name => ({
      labels: labelsOf[name],
      matchesNodeAffinity: !(c.affinityRejects ?? []).includes(name),
      toleratesTaints: !(c.taintRejects ?? []).includes(name),
      pods: Array.from({ length: c.pods[name] ?? 0 }, () => ({
        namespace: 'shop',
        labels: { app: 'web', 'pod-template-hash': 'v1' },
        deleting: false,
      })),
    }));
    const state = buildTopologySpreadState(compileSpreadConstraints(c.constraints, podLabels), 'shop', nodes);
    for (const [node, fits] of Object.entries(c.expected)) {
      expect([node, checkTopologySpread(state, labelsOf[node]) === undefined]).toEqual([node, fits]);
    }
  });

  it('a new node opens an empty hostname domain, so a scale-up satisfies hostname spread', () => {
    const nodes: SpreadNode[] = ['n1', 'n2', 'n3'].map(name => ({
      labels: labelsOf[name],
      matchesNodeAffinity: true,
      toleratesTaints: true,
      pods: (name === 'n1' ? [web, web] : [web]).map(labels => ({ namespace: 'shop', labels, deleting: false })),
    }));
    const state = buildTopologySpreadState(compileSpreadConstraints([spread(HOST)], web), 'shop', nodes);
    expect(checkTopologySpread(state, labelsOf.n1)).toBeDefined();
    expect(checkTopologySpread(state, labelsOf.new, { eligible: true })).toBeUndefined();
  });

  it('a new node in a crowded zone does not help zone spread', () => {
    const nodes: SpreadNode[] = ['n1', 'n2', 'n3'].map(name => ({
      labels: labelsOf[name],
      matchesNodeAffinity: true,
      toleratesTaints: true,
      pods: (name === 'n3' ? [] : [web, web]).map(labels => ({ namespace: 'shop', labels, deleting: false })),
    }));
    const state = buildTopologySpreadState(compileSpreadConstraints([spread(ZONE)], web), 'shop', nodes);
    const inZoneA = { ...labelsOf.new, [ZONE]: 'a' };
    expect(checkTopologySpread(state, inZoneA, { eligible: true })?.message).toBe(
      'topology spread: placing it on topology.kubernetes.io/zone=a makes skew 5 > maxSkew 1 (4 pods matching app=web there, minimum 0)',
    );
  });

  it('pods of other namespaces and pods being deleted are not counted', () => {
    const nodes: SpreadNode[] = ['n1', 'n3'].map(name => ({
      labels: labelsOf[name],
      matchesNodeAffinity: true,
      toleratesTaints: true,
      pods:
        name === 'n1'
          ? [
              { namespace: 'other', labels: web, deleting: false },
              { namespace: 'shop', labels: web, deleting: true },
            ]
          : [],
    }));
    const state = buildTopologySpreadState(compileSpreadConstraints([spread(ZONE)], web), 'shop', nodes);
    expect(checkTopologySpread(state, labelsOf.n1)).toBeUndefined();
  });

  it('names the missing label', () => {
    const state = buildTopologySpreadState(compileSpreadConstraints([spread(ZONE)], web), 'shop', []);
    expect(checkTopologySpread(state, labelsOf.bare)).toEqual({
      code: 'topology-spread',
      message: 'topology spread: node has no topology.kubernetes.io/zone label (missing required label)',
    });
  });
});

describe('PodTopologySpread as a registered check', () => {
  const input = (constraint: Partial<TopologySpreadConstraint>) => ({
    nodes: kube.list([
      kube.node('n1', { [ZONE]: 'a' }, { cpu: '2', pods: '10' }),
      kube.node('n3', { [ZONE]: 'b' }, { cpu: '2', pods: '10' }),
    ]),
    pods: kube.list([
      kube.running('web-0', 'n1'),
      kube.pending({ topologySpreadConstraints: [{ ...spread(ZONE), ...constraint }] }),
    ]),
  });
  it.each<[string, Partial<TopologySpreadConstraint>, string, string[]]>([
    ['the zone that already runs a replica is one over the skew', {}, 'n1', ['topology-spread']],
    ['the empty zone takes the pod', {}, 'n3', []],
    ['a larger maxSkew lets it into the busier zone', { maxSkew: 2 }, 'n1', []],
  ])('%s', (_name, constraint, node, codes) => {
    const verdict = checkOnCluster(topologySpreadCheck, input(constraint))(node);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
    expect(verdict.passes).toBe(codes.length === 0);
  });
});

describe("PodTopologySpread's node inclusion policies", () => {
  // n1 in zone a runs a replica; n3 in zone b is cordoned and carries the unschedulable taint its controller adds.
  const input = (constraint: Partial<TopologySpreadConstraint>, spec: Record<string, unknown> = {}) => ({
    nodes: kube.list([
      kube.node('n1', { [ZONE]: 'a' }, { cpu: '2', pods: '10' }),
      kube.node('n3', { [ZONE]: 'b', disk: 'hdd' }, { cpu: '2', pods: '10' }, {
        unschedulable: true,
        taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      }),
    ]),
    pods: kube.list([kube.running('web-0', 'n1'), kube.pending({ topologySpreadConstraints: [{ ...spread(ZONE), ...constraint }], ...spec })]),
  });
  const notHdd = {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['hdd'] }] }],
        },
      },
    },
  };
  it.each<[string, Partial<TopologySpreadConstraint>, Record<string, unknown>, boolean]>([
    ['by default (nodeTaintsPolicy Ignore) a cordoned, tainted node still forms a domain, so zone a is over the skew', {}, {}, false],
    ["under nodeTaintsPolicy Honor the cordoned node's unschedulable taint leaves its zone out, so zone a is the only domain", { nodeTaintsPolicy: 'Honor' }, {}, true],
    ['by default (nodeAffinityPolicy Honor) a node the pod affinity rules out forms no domain', {}, notHdd, true],
    ['under nodeAffinityPolicy Ignore that node forms a domain again', { nodeAffinityPolicy: 'Ignore' }, notHdd, false],
  ])('%s', (_name, constraint, spec, fits) => {
    expect(checkOnCluster(topologySpreadCheck, input(constraint, spec))('n1').passes).toBe(fits);
  });
});

describe('PodTopologySpread once every domain is known', () => {
  // Pools p1 and p2 cover zones a and b; p3 (zone a again) and p4 (zone b) come
  // after every zone is known, and only they run replicas: the counts must see them.
  const node = (name: string, pool: string, zone: string) =>
    kube.node(name, { 'eks.amazonaws.com/nodegroup': pool, [ZONE]: zone }, { cpu: '2', pods: '10' });
  const input = (replicasIn: string[], constraint: Partial<TopologySpreadConstraint> = {}) => ({
    nodes: kube.list([node('n1', 'p1', 'a'), node('n2', 'p2', 'b'), node('n3', 'p3', 'a'), node('n4', 'p4', 'b'), node('n5', 'p5', 'c')]),
    pods: kube.list([
      ...replicasIn.map((nodeName, i) => kube.running(`web-${i}`, nodeName)),
      kube.pending({ topologySpreadConstraints: [{ ...spread(ZONE), ...constraint }] }),
    ]),
  });
  it.each<[string, string[], string, string[]]>([
    ['a zone found last is still a domain: zone a is over the skew', ['n3'], 'n1', ['topology-spread']],
    ['replicas on classes after the last domain was found are counted: zone b holds one, zone c none', ['n3', 'n4'], 'n2', ['topology-spread']],
    ['the third zone, found last, is the empty one', ['n3', 'n4'], 'n5', []],
    ['with every zone holding one, any zone takes it', ['n3', 'n4', 'n5'], 'n1', []],
  ])('%s', (_name, replicasIn, nodeName, codes) => {
    const verdict = checkOnCluster(topologySpreadCheck, input(replicasIn))(nodeName);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
  });
});
