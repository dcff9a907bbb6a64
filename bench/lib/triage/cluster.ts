/*
 * A synthetic cluster for the triage benchmark, in the JSON shapes of
 * `kubectl get -o json` and of normalized pools, generated in-process from a
 * seeded random generator so every run sees the same input.
 *
 * Shape: POOLS node groups (EKS managed node groups and some Karpenter
 * NodePools) of about NODES / POOLS nodes each over three zones; each node
 * runs one daemonset pod and one application pod using 40-95% of it; 1% of
 * nodes are cordoned; 5% of pools have no nodes (scaled to zero). Pending
 * pods come from SIGNATURES workloads (PODS / SIGNATURES replicas each):
 * plain requests, node selectors, dedicated-pool tolerations, GPU jobs,
 * Arm64 images, zone spread and hostname anti-affinity.
 */
import {
  createMachineCatalog,
  estimateAllocatable,
  type NodePool,
} from '@nodepools/plugin-nodepools-common';

export interface TriageBenchShape {
  pools: number;
  nodes: number;
  pendingPods: number;
  signatures: number;
  seed?: number;
}

export interface TriageBenchInput {
  cluster: string;
  pods: { kind: 'List'; items: unknown[] };
  nodes: { kind: 'List'; items: unknown[] };
  pools: NodePool[];
}

/** A seeded generator (mulberry32); `state()` is where it is, for another to go on from there. */
function random(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.state = () => state;
  return next;
}

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const TEAMS = Array.from({ length: 20 }, (_, i) => `team-${i}`);
const GENERAL_TYPES = ['m5.large', 'm5.xlarge', 'm6i.2xlarge', 'c5.xlarge', 'r5.xlarge', 'm5.4xlarge'];
const ARM_TYPES = ['m6g.large', 'c6g.xlarge', 'm7g.2xlarge'];
const GPU_TYPES = ['g5.xlarge', 'g5.2xlarge'];

type Kind = 'general' | 'arm' | 'dedicated' | 'gpu' | 'karpenter';

interface PoolPlan {
  pool: NodePool;
  kind: Kind;
  type: string;
  nodes: number;
  team: string;
}

const cpuText = (milli: number) => `${milli}m`;
const bytesText = (bytes: number) => `${Math.floor(bytes / 1024)}Ki`;

const CLUSTER = 'bench';

/** The same input item by item, generated as it is read: nodes, then pods (bound ones first). */
export interface TriageBenchItems {
  cluster: string;
  pools: NodePool[];
  nodes(): Iterable<unknown>;
  pods(): Iterable<unknown>;
}

interface Random {
  (): number;
  state(): number;
}

function picker(rand: Random) {
  return <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
}

/** Pools first: the plans every pass over the items starts from. */
function planPools(shape: TriageBenchShape): { rand: Random; plans: PoolPlan[] } {
  const rand = random(shape.seed ?? 20261002);
  const pick = picker(rand);
  const cluster = CLUSTER;
  const now = '2026-10-02T08:00:00Z';

  const plans: PoolPlan[] = [];
  const emptyPools = Math.floor(shape.pools * 0.05);
  const withNodes = shape.pools - emptyPools;
  for (let i = 0; i < shape.pools; i++) {
    const roll = rand();
    const kind: Kind =
      i % 1000 === 999 ? 'karpenter' : roll < 0.7 ? 'general' : roll < 0.8 ? 'arm' : roll < 0.95 ? 'dedicated' : 'gpu';
    const type = kind === 'arm' ? pick(ARM_TYPES) : kind === 'gpu' ? pick(GPU_TYPES) : pick(GENERAL_TYPES);
    const team = pick(TEAMS);
    const nodes = i < withNodes ? Math.floor(shape.nodes / withNodes) + (i < shape.nodes % withNodes ? 1 : 0) : 0;
    const name = `${kind}-${i}`;
    const atMax = rand() < 0.4;
    const taints =
      kind === 'dedicated'
        ? [{ key: 'dedicated', value: team, effect: 'NoSchedule' as const }]
        : kind === 'gpu'
          ? [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' as const }]
          : [];
    const labels: Record<string, string> = { team };
    if (kind === 'dedicated') labels.dedicated = team;
    const pool: NodePool = {
      ref: `${kind === 'karpenter' ? 'karpenter' : 'eks'}/123456789012/us-east-1/${cluster}/${name}`,
      provider: kind === 'karpenter' ? 'karpenter' : 'eks',
      account: '123456789012',
      region: 'us-east-1',
      cluster,
      name,
      mode: 'user',
      os: 'linux',
      arch: kind === 'arm' ? 'arm64' : 'amd64',
      machineTypes: kind === 'karpenter' ? [] : [type],
      capacityType: 'on-demand',
      nodeCount: nodes,
      autoscaling:
        kind === 'karpenter'
          ? { enabled: true }
          : { enabled: true, min: 0, max: atMax ? nodes : nodes + 10 },
      labels,
      taints,
      zones: ZONES,
      tags: {},
      requirements:
        kind === 'karpenter'
          ? [
              { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
              { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['4'] },
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
            ]
          : undefined,
      limits: kind === 'karpenter' ? { cpu: String(nodes * 4 + 64) } : undefined,
      source: 'bench',
      firstSeenAt: now,
      lastSeenAt: now,
      stale: false,
    };
    plans.push({ pool, kind, type, nodes, team });
  }
  return { rand, plans };
}

/** Each node with the pods bound to it. */
function* nodesWithPods(rand: Random, plans: readonly PoolPlan[]): Generator<{ node: unknown; pods: unknown[] }> {
  const catalog = createMachineCatalog();
  // Objects that are equal in every pod are shared, as a watch cache would
  // share them; only what differs per pod (name, node) is its own.
  const dsMetadataLabels = { 'k8s-app': 'kube-proxy' };
  const dsOwner = [{ kind: 'DaemonSet', name: 'kube-proxy', controller: true }];
  const dsContainers = [{ name: 'kube-proxy', resources: { requests: { cpu: '100m', memory: '128Mi' } } }];
  const dsTolerations = [{ operator: 'Exists' }];
  const appLabels = Array.from({ length: 50 }, (_, i) => ({ app: `app-${i}` }));
  const singletonLabels = { app: 'singleton' };
  const singletonAffinity = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'singleton' } }, topologyKey: 'kubernetes.io/hostname' },
      ],
    },
  };
  const appContainers = new Map<string, unknown[]>();
  let nodeIndex = 0;
  for (const plan of plans) {
    const machine = catalog.get('aws', plan.kind === 'karpenter' ? 'm5.xlarge' : plan.type)!;
    const estimate = estimateAllocatable(machine, 'eks');
    const allocatable: Record<string, string> = {
      cpu: cpuText(Math.round(estimate.allocatable.cpu! * 1000)),
      memory: bytesText(estimate.allocatable.memory!),
      pods: String(estimate.allocatable.pods),
      'ephemeral-storage': '76224326324',
    };
    if (machine.gpus) allocatable['nvidia.com/gpu'] = String(machine.gpus);
    const capacity = { ...allocatable, cpu: String(machine.vcpu) };
    const status = { allocatable, capacity };
    const poolLabel = plan.kind === 'karpenter' ? 'karpenter.sh/nodepool' : 'eks.amazonaws.com/nodegroup';
    for (let n = 0; n < plan.nodes; n++) {
      const name = `ip-10-${nodeIndex >> 16}-${(nodeIndex >> 8) & 255}-${nodeIndex & 255}.ec2.internal`;
      nodeIndex++;
      const zone = ZONES[n % ZONES.length];
      const cordoned = rand() < 0.01;
      const node = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          labels: {
            'eks.amazonaws.com/capacityType': 'ON_DEMAND',
            [poolLabel]: plan.pool.name,
            'kubernetes.io/arch': machine.arch,
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'node.kubernetes.io/instance-type': machine.name,
            'topology.kubernetes.io/region': 'us-east-1',
            'topology.kubernetes.io/zone': zone,
            ...plan.pool.labels,
          },
        },
        spec: {
          ...(plan.pool.taints.length || cordoned
            ? {
                taints: [
                  ...plan.pool.taints,
                  ...(cordoned ? [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] : []),
                ],
              }
            : {}),
          ...(cordoned ? { unschedulable: true } : {}),
        },
        status,
      };
      const daemonPod = {
        metadata: { name: `kube-proxy-${nodeIndex}`, namespace: 'kube-system', labels: dsMetadataLabels, ownerReferences: dsOwner },
        spec: { nodeName: name, containers: dsContainers, tolerations: dsTolerations },
        status: { phase: 'Running' },
      };
      // The application pod takes 40-95% of the node, in 5% steps.
      const share = 0.4 + Math.floor(rand() * 12) * 0.05;
      const cpu = Math.floor(estimate.allocatable.cpu! * 1000 * share);
      const memory = Math.floor((estimate.allocatable.memory! * share) / 2 ** 20);
      const key = `${cpu}/${memory}`;
      let containers = appContainers.get(key);
      if (!containers) {
        containers = [{ name: 'app', resources: { requests: { cpu: `${cpu}m`, memory: `${memory}Mi` } } }];
        appContainers.set(key, containers);
      }
      const singleton = rand() < 0.01;
      const appPod = {
        metadata: {
          name: `app-${nodeIndex}`,
          namespace: `ns-${nodeIndex % 20}`,
          labels: singleton ? singletonLabels : appLabels[nodeIndex % appLabels.length],
        },
        spec: { nodeName: name, containers, ...(singleton ? { affinity: singletonAffinity } : {}) },
        status: { phase: 'Running' },
      };
      yield { node, pods: [daemonPod, appPod] };
    }
  }
}

/** The pending pods, from the random state the nodes left. */
function* pendingPods(rand: Random, shape: TriageBenchShape): Generator<unknown> {
  const pick = picker(rand);
  const workloads = Array.from({ length: shape.signatures }, (_, i) => {
    const roll = rand();
    const team = pick(TEAMS);
    const cpu = pick([100, 250, 500, 1000, 1500, 2000, 4000, 8000]);
    const memoryMi = pick([128, 256, 512, 1024, 2048, 4096, 8192, 16384]);
    const spec: Record<string, unknown> = {
      containers: [{ name: 'main', resources: { requests: { cpu: `${cpu}m`, memory: `${memoryMi}Mi` } } }],
    };
    if (roll < 0.25) spec.nodeSelector = { team };
    else if (roll < 0.35) {
      spec.nodeSelector = { dedicated: team };
      spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: team, effect: 'NoSchedule' }];
    } else if (roll < 0.4) {
      (spec.containers as any)[0].resources.limits = { 'nvidia.com/gpu': '1' };
      spec.tolerations = [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
    } else if (roll < 0.5) spec.nodeSelector = { 'kubernetes.io/arch': 'arm64' };
    else if (roll < 0.55) {
      spec.topologySpreadConstraints = [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: `w-${i}` } } },
      ];
    } else if (roll < 0.6) {
      spec.affinity = {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: `w-${i}` } }, topologyKey: 'kubernetes.io/hostname' },
          ],
        },
      };
    }
    return { spec, labels: { app: `w-${i}` }, namespace: `ns-${i % 20}` };
  });
  for (let p = 0; p < shape.pendingPods; p++) {
    const workload = workloads[p % workloads.length];
    yield {
      metadata: { name: `w-${p % workloads.length}-${p}`, namespace: workload.namespace, labels: workload.labels },
      spec: workload.spec,
      status: { phase: 'Pending' },
    };
  }
}

/**
 * The input as items generated on demand: each pass replays the same
 * random sequence, so `nodes()` and `pods()` give what one whole
 * generation would, without holding the lists.
 */
export function triageBenchItems(shape: TriageBenchShape): TriageBenchItems {
  // Planned once: each pass goes on from the random state the planning left.
  // Planning per pass made 10,000 plans that lived as long as the pass, and
  // then were garbage in the heap the reader and the analysis work in.
  const { rand, plans } = planPools(shape);
  const afterPlans = rand.state();
  return {
    cluster: CLUSTER,
    pools: plans.map(p => p.pool),
    *nodes() {
      for (const { node } of nodesWithPods(random(afterPlans), plans)) yield node;
    },
    *pods() {
      const passRand = random(afterPlans);
      for (const { pods } of nodesWithPods(passRand, plans)) yield* pods;
      yield* pendingPods(passRand, shape);
    },
  };
}

/** The whole input as objects in memory, with the bound pods before the pending ones. */
export function generateTriageInput(shape: TriageBenchShape): TriageBenchInput {
  const items = triageBenchItems(shape);
  return {
    cluster: items.cluster,
    pods: { kind: 'List', items: [...items.pods()] },
    nodes: { kind: 'List', items: [...items.nodes()] },
    pools: items.pools,
  };
}
