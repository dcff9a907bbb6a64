import type { PodAffinityTerm } from '../kube';
import { checkOnCluster, kube } from './__testUtils__/checkOnCluster';
import {
  buildInterPodAffinityState,
  interPodAffinityCheck,
  checkInterPodAffinity,
  compilePodAffinityTerm,
  indexExistingAntiAffinity,
  indexPlacedPods,
  type PlacedPod,
} from './interPodAffinity';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const nodes: Record<string, Record<string, string>> = {
  n1: { [HOST]: 'n1', [ZONE]: 'a' },
  n2: { [HOST]: 'n2', [ZONE]: 'a' },
  n3: { [HOST]: 'n3', [ZONE]: 'b' },
  bare: { [HOST]: 'bare' },
};
const placed = (node: string, labels: Record<string, string>, namespace = 'shop'): PlacedPod => ({
  namespace,
  labels,
  node: { labels: nodes[node] },
});
/** Placed pods by namespace, in their order, as the reader groups them. */
function groupByNamespace<T extends PlacedPod>(pods: readonly T[]): Map<string, T[]> {
  const byNamespace = new Map<string, T[]>();
  for (const pod of pods) byNamespace.set(pod.namespace, [...(byNamespace.get(pod.namespace) ?? []), pod]);
  return byNamespace;
}
const namespaceLabels = new Map([
  ['shop', { 'kubernetes.io/metadata.name': 'shop', tier: 'prod' }],
  ['data', { 'kubernetes.io/metadata.name': 'data', tier: 'prod' }],
  ['dev', { 'kubernetes.io/metadata.name': 'dev', tier: 'dev' }],
]);
const term = (app: string | null, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  labelSelector: app === null ? null : { matchLabels: { app } },
  topologyKey,
  ...extra,
});

interface Case {
  name: string;
  pod?: { namespace?: string; labels?: Record<string, string> };
  affinity?: PodAffinityTerm[];
  anti?: PodAffinityTerm[];
  running: PlacedPod[];
  /** Pods already running with their own anti-affinity. */
  guarded?: Array<{ pod: PlacedPod; anti: PodAffinityTerm[] }>;
  expected: Record<string, string[]>;
}

const cases: Case[] = [
  {
    name: 'affinity to a pod on the same node passes only on that node',
    affinity: [term('db', HOST)],
    running: [placed('n1', { app: 'db' })],
    expected: { n1: [], n2: ['pod-affinity'], n3: ['pod-affinity'] },
  },
  {
    name: 'affinity by zone passes on every node of the zone',
    affinity: [term('db', ZONE)],
    running: [placed('n1', { app: 'db' })],
    expected: { n1: [], n2: [], n3: ['pod-affinity'] },
  },
  {
    name: 'a node without the topology label fails affinity',
    affinity: [term('db', ZONE)],
    running: [placed('n1', { app: 'db' })],
    expected: { bare: ['pod-affinity'] },
  },
  {
    name: 'the first pod of a group with affinity to itself may go anywhere',
    pod: { labels: { app: 'web' } },
    affinity: [term('web', ZONE)],
    running: [placed('n1', { app: 'db' })],
    expected: { n1: [], n3: [] },
  },
  {
    name: 'the first-pod exception does not apply when the pod does not match its own term',
    pod: { labels: { app: 'web' } },
    affinity: [term('cache', ZONE)],
    running: [],
    expected: { n1: ['pod-affinity'] },
  },
  {
    name: 'a nil label selector matches no pod',
    affinity: [term(null, HOST)],
    running: [placed('n1', { app: 'db' })],
    expected: { n1: ['pod-affinity'] },
  },
  {
    name: 'terms default to the pod namespace',
    pod: { namespace: 'shop' },
    affinity: [term('db', HOST)],
    running: [placed('n1', { app: 'db' }, 'data')],
    expected: { n1: ['pod-affinity'] },
  },
  {
    name: 'listed namespaces are searched',
    pod: { namespace: 'shop' },
    affinity: [term('db', HOST, { namespaces: ['data'] })],
    running: [placed('n1', { app: 'db' }, 'data')],
    expected: { n1: [], n2: ['pod-affinity'] },
  },
  {
    name: 'an empty namespace selector means every namespace',
    pod: { namespace: 'shop' },
    affinity: [term('db', HOST, { namespaceSelector: {} })],
    running: [placed('n1', { app: 'db' }, 'dev')],
    expected: { n1: [] },
  },
  {
    name: 'a namespace selector matches namespace labels',
    pod: { namespace: 'shop' },
    affinity: [term('db', HOST, { namespaceSelector: { matchLabels: { tier: 'prod' } } })],
    running: [placed('n1', { app: 'db' }, 'dev'), placed('n2', { app: 'db' }, 'data')],
    expected: { n1: ['pod-affinity'], n2: [] },
  },
  {
    name: 'matchLabelKeys adds the pod value of the key to the selector',
    pod: { labels: { app: 'web', version: 'v2' } },
    affinity: [term('db', HOST, { matchLabelKeys: ['version'] })],
    running: [placed('n1', { app: 'db', version: 'v1' }), placed('n2', { app: 'db', version: 'v2' })],
    expected: { n1: ['pod-affinity'], n2: [] },
  },
  {
    name: 'anti-affinity keeps the pod off the node of a matching pod',
    anti: [term('web', HOST)],
    running: [placed('n1', { app: 'web' })],
    expected: { n1: ['pod-anti-affinity'], n2: [] },
  },
  {
    name: 'anti-affinity by zone keeps the pod out of the whole zone',
    anti: [term('web', ZONE)],
    running: [placed('n1', { app: 'web' })],
    expected: { n2: ['pod-anti-affinity'], n3: [] },
  },
  {
    name: 'a node without the topology label passes anti-affinity',
    anti: [term('web', ZONE)],
    running: [placed('n1', { app: 'web' })],
    expected: { bare: [] },
  },
  {
    name: 'mismatchLabelKeys keeps apart pods whose value differs',
    pod: { labels: { app: 'web', tenant: 'x' } },
    anti: [term('web', HOST, { mismatchLabelKeys: ['tenant'] })],
    running: [placed('n1', { app: 'web', tenant: 'x' }), placed('n2', { app: 'web', tenant: 'y' })],
    expected: { n1: [], n2: ['pod-anti-affinity'] },
  },
  {
    name: "a running pod's anti-affinity keeps this pod off its node",
    pod: { labels: { app: 'web' } },
    running: [],
    guarded: [{ pod: placed('n1', { app: 'db' }), anti: [term('web', HOST)] }],
    expected: { n1: ['pod-anti-affinity'], n2: [] },
  },
  {
    name: "a running pod's anti-affinity by zone covers its zone",
    pod: { labels: { app: 'web' } },
    running: [],
    guarded: [{ pod: placed('n3', { app: 'db' }), anti: [term('web', ZONE)] }],
    expected: { n1: [], n3: ['pod-anti-affinity'] },
  },
  {
    name: 'affinity and anti-affinity are both reported',
    pod: { labels: { app: 'web' } },
    affinity: [term('db', HOST)],
    anti: [term('web', ZONE)],
    running: [placed('n3', { app: 'db' }), placed('n1', { app: 'web' })],
    expected: { n1: ['pod-anti-affinity', 'pod-affinity'], n3: [] },
  },
];

describe('checkInterPodAffinity', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const pod = { namespace: c.pod?.namespace ?? 'shop', labels: c.pod?.labels ?? { app: 'web' } };
    const compile = (terms: PodAffinityTerm[] = []) => terms.map(t => compilePodAffinityTerm(t, pod, namespaceLabels));
    const guarded = c.guarded ?? [];
    const state = buildInterPodAffinityState(
      { ...pod, affinityTerms: compile(c.affinity), antiAffinityTerms: compile(c.anti) },
      indexPlacedPods(groupByNamespace([...c.running, ...guarded.map(g => g.pod)])),
      indexExistingAntiAffinity(
        guarded.map(g => ({
          terms: g.anti.map(t => compilePodAffinityTerm(t, g.pod, namespaceLabels)),
          nodeLabels: g.pod.node.labels,
        })),
      ),
    );
    for (const [node, codes] of Object.entries(c.expected)) {
      expect([node, checkInterPodAffinity(state, nodes[node]).map(r => r.code)]).toEqual([node, codes]);
    }
  });

  it('explains which pod is missing or in the way', () => {
    const pod = { namespace: 'shop', labels: { app: 'web' } };
    const state = buildInterPodAffinityState(
      {
        ...pod,
        affinityTerms: [compilePodAffinityTerm(term('db', HOST), pod, namespaceLabels)],
        antiAffinityTerms: [compilePodAffinityTerm(term('web', ZONE), pod, namespaceLabels)],
      },
      indexPlacedPods(groupByNamespace([placed('n3', { app: 'db' }), placed('n1', { app: 'web' })])),
      [],
    );
    expect(checkInterPodAffinity(state, nodes.n2).map(r => r.message)).toEqual([
      'anti-affinity: a pod matching app=web already runs in the same topology.kubernetes.io/zone (a)',
      'affinity: no pod matching app=db runs on the same node',
    ]);
  });
});

describe('InterPodAffinity as a registered check', () => {
  const input = (spec: Record<string, unknown>) => ({
    nodes: kube.list([
      kube.node('n1', { [ZONE]: 'a' }, { cpu: '2', pods: '10' }),
      kube.node('n2', { [ZONE]: 'b' }, { cpu: '2', pods: '10' }),
    ]),
    pods: kube.list([kube.running('db-0', 'n1', {}, { app: 'db' }), kube.pending(spec)]),
  });
  const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', HOST)] } } };
  const near = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE)] } } };
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['anti-affinity keeps the pod off the node running a matching pod', anti, 'n1', ['pod-anti-affinity']],
    ['anti-affinity lets it onto another node', anti, 'n2', []],
    ['affinity takes it to the zone of a matching pod', near, 'n1', []],
    ['affinity keeps it out of zones without one', near, 'n2', ['pod-affinity']],
  ])('%s', (_name, spec, node, codes) => {
    const verdict = checkOnCluster(interPodAffinityCheck, input(spec))(node);
    expect(verdict.findings.map(f => f.code)).toEqual(codes);
    expect(verdict.passes).toBe(codes.length === 0);
  });
});

describe('indexPlacedPods', () => {
  const pod = (namespace: string, name: string, labels: Record<string, string>) => ({ namespace, name, labels, node: { labels: {} } });
  const pods = [
    pod('shop', 'web-1', { app: 'web', tier: 'front' }),
    pod('shop', 'web-2', { app: 'web' }),
    pod('shop', 'db-1', { app: 'db' }),
    pod('ops', 'web-3', { app: 'web' }),
  ];
  const index = indexPlacedPods(groupByNamespace(pods));
  const names = (list: ReadonlyArray<{ name: string }>) => list.map(p => p.name).sort();

  it.each([
    ['an In on one value: the pods of the namespace with that label', [{ key: 'app', operator: 'In', values: ['web'] }], ['web-1', 'web-2']],
    ['the In with the fewest pods', [{ key: 'app', operator: 'In', values: ['web'] }, { key: 'tier', operator: 'In', values: ['front'] }], ['web-1']],
    ['an In on several values, each pod once', [{ key: 'app', operator: 'In', values: ['web', 'db', 'web'] }], ['db-1', 'web-1', 'web-2']],
    ['no In: every pod of the namespace', [{ key: 'app', operator: 'Exists' }], ['db-1', 'web-1', 'web-2']],
    ['an In no pod has: none', [{ key: 'app', operator: 'In', values: ['cache'] }], []],
  ] as const)('%s', (_, selector, expected) => {
    expect(names(index.candidates('shop', selector as any))).toEqual(expected);
  });

  it('lists every pod, namespace by namespace, when first asked', () => {
    expect(index.all.map(p => p.name)).toEqual(['web-1', 'web-2', 'db-1', 'web-3']);
    expect(index.all).toBe(index.all);
  });

  it('gives nothing for a nil selector or an unknown namespace', () => {
    expect(index.candidates('shop', null)).toEqual([]);
    expect(index.candidates('batch', [{ key: 'app', operator: 'In', values: ['web'] }])).toEqual([]);
  });
});
