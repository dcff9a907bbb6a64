/**
 * Seeded random clusters for comparing the triage engine with the
 * reference: pools of every provider (with nodes, scaled to zero, at their
 * max, self-managed), Karpenter NodePools with requirements and limits,
 * daemonsets, persistent volumes bound in zones, host ports, and pending
 * pods with selectors, tolerations, node and pod affinity, anti-affinity
 * and spread constraints. The nodes of one pool are alike but for zone,
 * name and cordon state, as the reference assumes.
 */
import type { PoolSpec, Provider, Taint } from '../model/pool';
import type { TriageInput } from '../triage/types';

type Json = Record<string, unknown>;

/** A small seeded generator, so a failing case can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const ZONES = ['z1', 'z2', 'z3'];
const TEAMS = ['a', 'b'];
const APPS = ['web', 'db', 'cache', 'job'];

interface PoolPlan {
  provider: Provider;
  /** Its nodes run as many pods as they may (an EKS node at its ENI limit). */
  full?: boolean;
  poolLabels: Record<string, string>;
  machineTypes: string[];
  allocatable: Record<string, string>;
  taints: Taint[];
  capacityType: PoolSpec['capacityType'];
  extraLabels: Record<string, string>;
  requirements?: PoolSpec['requirements'];
  limits?: Record<string, string>;
}

function planPool(index: number, name: string, rand: () => number, pick: <T>(list: readonly T[]) => T): PoolPlan {
  const team = pick(TEAMS);
  const dedicated: Taint[] = rand() < 0.3 ? [{ key: 'dedicated', value: team, effect: 'NoSchedule' }] : [];
  const soft: Taint[] = rand() < 0.15 ? [{ key: 'soft', effect: 'PreferNoSchedule' }] : [];
  // An empty label value is a value: `foo=""` is matched by `In [""]`.
  const extraLabels: Record<string, string> = rand() < 0.3 ? { team, foo: '' } : { team };
  const base = { taints: [...dedicated, ...soft], extraLabels, capacityType: 'on-demand' as const };
  const provider = (['eks', 'karpenter', 'gke', 'aks', 'doks', 'kubernetes'] as const)[index % 6];
  switch (provider) {
    case 'eks': {
      const gpu = rand() < 0.3;
      const spot = rand() < 0.3;
      const full = !gpu && rand() < 0.4;
      return {
        ...base,
        provider,
        full,
        poolLabels: { 'eks.amazonaws.com/nodegroup': name, 'eks.amazonaws.com/capacityType': spot ? 'SPOT' : 'ON_DEMAND' },
        capacityType: spot ? 'spot' : 'on-demand',
        machineTypes: [gpu ? 'g5.xlarge' : pick(['m5.large', 'm5.xlarge'])],
        // 29 is an m5.large's ENI limit (3 x (10 - 1) + 2).
        allocatable: gpu
          ? { cpu: '3920m', memory: '15Gi', pods: '58', 'nvidia.com/gpu': '1' }
          : { cpu: pick(['1930m', '3920m']), memory: pick(['7Gi', '14Gi']), pods: full ? '29' : pick(['8', '29']) },
        taints: gpu ? [...base.taints, { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] : base.taints,
      };
    }
    case 'karpenter':
      return {
        ...base,
        provider,
        poolLabels: { 'karpenter.sh/nodepool': name, 'karpenter.sh/capacity-type': 'on-demand' },
        machineTypes: [],
        allocatable: { cpu: '3920m', memory: '14Gi', pods: '58' },
        requirements: [
          { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm'] },
          { key: 'karpenter.k8s.aws/instance-generation', operator: 'In', values: ['6'] },
          { key: 'karpenter.k8s.aws/instance-cpu', operator: 'Lt', values: [pick(['5', '9', '17'])] },
          ...(rand() < 0.5 ? [{ key: 'karpenter.sh/capacity-type', operator: 'In' as const, values: ['spot', 'on-demand'] }] : []),
          ...(rand() < 0.3 ? [{ key: 'topology.kubernetes.io/zone', operator: 'In' as const, values: [pick(ZONES)] }] : []),
        ],
        limits: rand() < 0.6 ? { cpu: pick(['4', '8', '40']) } : undefined,
      };
    case 'gke': {
      const gpu = rand() < 0.3;
      return {
        ...base,
        provider,
        poolLabels: { 'cloud.google.com/gke-nodepool': name, ...(gpu ? { 'cloud.google.com/gke-accelerator': 'nvidia-l4' } : {}) },
        machineTypes: [gpu ? 'g2-standard-8' : 'e2-standard-4'],
        allocatable: gpu ? { cpu: '7910m', memory: '27Gi', pods: '110', 'nvidia.com/gpu': '1' } : { cpu: '3920m', memory: '13Gi', pods: '110' },
        // GKE puts this taint on GPU nodes itself.
        taints: gpu ? [...base.taints, { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] : base.taints,
      };
    }
    case 'aks': {
      const spot = rand() < 0.4;
      return {
        ...base,
        provider,
        poolLabels: {
          'kubernetes.azure.com/agentpool': name,
          agentpool: name,
          'kubernetes.azure.com/mode': 'user',
          ...(spot ? { 'kubernetes.azure.com/scalesetpriority': 'spot' } : {}),
        },
        capacityType: spot ? 'spot' : 'on-demand',
        machineTypes: ['Standard_D4s_v5'],
        allocatable: { cpu: '3860m', memory: '12Gi', pods: '30' },
        // AKS taints spot nodes itself.
        taints: spot ? [...base.taints, { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' }] : base.taints,
      };
    }
    case 'doks':
      return {
        ...base,
        provider,
        poolLabels: { 'doks.digitalocean.com/node-pool': name },
        machineTypes: ['s-4vcpu-8gb'],
        allocatable: { cpu: '3900m', memory: '6Gi', pods: '110' },
      };
    default:
      return {
        ...base,
        provider,
        poolLabels: { 'alpha.eksctl.io/nodegroup-name': name },
        machineTypes: ['m5.large'],
        allocatable: { cpu: '1930m', memory: '7Gi', pods: '29' },
      };
  }
}

function pendingSpec(rand: () => number, pick: <T>(list: readonly T[]) => T, app: string, claim: string | undefined): Json {
  // A pod that requests nothing fits a node its neighbours over-commit.
  const requests: Record<string, string> =
    rand() < 0.1 ? {} : { cpu: pick(['100m', '500m', '1500m', '3']), memory: pick(['128Mi', '1Gi', '6Gi']) };
  const spec: Json = {
    containers: [
      {
        resources: { requests, ...(rand() < 0.15 ? { limits: { 'nvidia.com/gpu': '1' } } : {}) },
        ports: rand() < 0.15 ? [{ containerPort: 80, hostPort: pick([8080, 9100]) }] : [],
      },
    ],
  };
  const roll = rand();
  if (roll < 0.12) spec.nodeSelector = { team: pick(TEAMS) };
  else if (roll < 0.15) spec.nodeSelector = { foo: '' };
  else if (roll < 0.22) spec.nodeSelector = { 'kubernetes.azure.com/mode': 'user' };
  else if (roll < 0.27) spec.nodeSelector = { 'karpenter.sh/capacity-type': 'spot' };
  const tolerations = [
    ...(rand() < 0.3 ? [{ key: 'dedicated', operator: 'Exists' }] : []),
    ...(rand() < 0.2 ? [{ key: 'nvidia.com/gpu', operator: 'Exists' }] : []),
    ...(rand() < 0.2 ? [{ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' }] : []),
  ];
  if (tolerations.length) spec.tolerations = tolerations;
  const affinity: Json = {};
  if (rand() < 0.25) {
    affinity.nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [pick(ZONES)] }] },
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['p0-n0'] }] },
          { matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.xlarge', 'c6i.xlarge'] }] },
        ].slice(0, 1 + Math.floor(rand() * 3)),
      },
    };
  } else if (rand() < 0.15) {
    // Terms kube-scheduler treats as matching nothing (empty, or with a value it rejects), and empty label values.
    affinity.nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: pick([
          [{}],
          [{}, { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [pick(ZONES)] }] }],
          [{ matchExpressions: [{ key: 'foo', operator: 'In', values: [''] }] }],
          [{ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: [''] }] }],
          [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z1', 'not a value!'] }] }],
          [{ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['-x-'] }] }],
        ]),
      },
    };
  }
  if (rand() < 0.15) {
    affinity.podAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone', ...(rand() < 0.5 ? { namespaceSelector: { matchLabels: { tier: 'prod' } } } : {}) },
      ],
    };
  }
  if (rand() < 0.2) {
    affinity.podAntiAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app } }, topologyKey: pick(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']) },
      ],
    };
  }
  if (Object.keys(affinity).length) spec.affinity = affinity;
  if (rand() < 0.25) {
    spec.topologySpreadConstraints = [
      {
        maxSkew: pick([1, 2]),
        topologyKey: pick(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']),
        whenUnsatisfiable: pick(['DoNotSchedule', 'DoNotSchedule', 'ScheduleAnyway']),
        labelSelector: { matchLabels: { app } },
        ...(rand() < 0.2 ? { minDomains: 3 } : {}),
        ...(rand() < 0.25 ? { nodeAffinityPolicy: 'Ignore' } : {}),
        ...(rand() < 0.25 ? { nodeTaintsPolicy: 'Honor' } : {}),
        ...(rand() < 0.2 ? { matchLabelKeys: ['version'] } : {}),
      },
    ];
  }
  if (claim) spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: claim } }];
  return spec;
}

/** The nodes of a pool: alike but for zone, name and cordon state. */
function nodesOf(plan: PoolPlan, name: string, count: number, rand: () => number): Json[] {
  return Array.from({ length: count }, (_, n) => {
    const nodeName = `${name}-n${n}`;
    const cordoned = rand() < 0.1;
    const capacity = plan.provider === 'karpenter' ? { cpu: '4', memory: '16Gi', pods: '58' } : undefined;
    return {
      kind: 'Node',
      metadata: {
        name: nodeName,
        labels: {
          ...plan.poolLabels,
          ...plan.extraLabels,
          'kubernetes.io/hostname': nodeName,
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/os': 'linux',
          'node.kubernetes.io/instance-type': plan.machineTypes[0] ?? 'c6i.xlarge',
          'topology.kubernetes.io/zone': ZONES[n % 3],
        },
      },
      // A cordoned node also carries the taint the node controller adds for it.
      spec: cordoned ? { unschedulable: true, taints: [...plan.taints, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } : { taints: plan.taints },
      status: { allocatable: plan.allocatable, ...(capacity ? { capacity } : {}) },
    };
  });
}

function daemonPod(node: string, name: string, requests: Record<string, string>, hostPort?: number): Json {
  return {
    metadata: { name: `${name}-${node}`, namespace: 'monitoring', labels: { app: name }, ownerReferences: [{ kind: 'DaemonSet', name }] },
    spec: {
      nodeName: node,
      tolerations: [{ operator: 'Exists' }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
          },
        },
      },
      containers: [{ resources: { requests }, ports: hostPort ? [{ containerPort: hostPort, hostPort }] : [] }],
    },
    status: { phase: 'Running' },
  };
}

/** A random cluster of `pools` pools and `pending` pending pods, the same for the same seed. */
export function randomCluster(seed: number, options: { pools?: number; pending?: number } = {}): TriageInput & { cluster: string } {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const pools: PoolSpec[] = [];
  const nodes: Json[] = [];
  const pods: Json[] = [];
  const poolCount = options.pools ?? 8;
  for (let p = 0; p < poolCount; p++) {
    const name = `p${p}`;
    const plan = planPool(p + Math.floor(rand() * 6) * 6, name, rand, pick);
    const count = rand() < 0.2 ? 0 : 1 + Math.floor(rand() * 4);
    const max = count + (rand() < 0.4 ? 0 : 2);
    // Self-managed groups have no definition, only nodes.
    if (plan.provider !== 'kubernetes' || count === 0) {
      pools.push({
        provider: plan.provider,
        cluster: 'c',
        name,
        mode: 'user',
        os: 'linux',
        arch: 'amd64',
        machineTypes: plan.machineTypes,
        capacityType: plan.capacityType,
        nodeCount: count,
        autoscaling: plan.provider === 'karpenter' ? { enabled: true } : { enabled: rand() < 0.85, min: 0, max },
        labels: plan.extraLabels,
        // Implicit taints are not in a pool definition: the provider adds them.
        taints: plan.taints.filter(t => t.key !== 'kubernetes.azure.com/scalesetpriority' && !(plan.provider === 'gke' && t.key === 'nvidia.com/gpu')),
        zones: ZONES,
        tags: {},
        requirements: plan.requirements,
        limits: plan.limits,
        raw: {},
      });
    }
    for (const node of nodesOf(plan, name, count, rand)) {
      nodes.push(node);
      const nodeName = (node.metadata as Json).name as string;
      pods.push(daemonPod(nodeName, 'node-exporter', { cpu: '50m', memory: '64Mi' }, 9100));
      if (plan.allocatable['nvidia.com/gpu']) pods.push(daemonPod(nodeName, 'gpu-plugin', { cpu: '100m' }));
      const running = plan.full ? Number(plan.allocatable.pods) - 1 : Math.floor(rand() * 4);
      for (let k = 0; k < running; k++) {
        pods.push({
          metadata: { name: `${nodeName}-run-${k}`, namespace: pick(['shop', 'shop', 'data']), labels: { app: pick(APPS), version: pick(['v1', 'v2']) } },
          spec: {
            nodeName,
            containers: [
              {
                resources: { requests: plan.full ? { cpu: '10m' } : { cpu: pick(['100m', '500m', '1']), memory: pick(['256Mi', '2Gi']) } },
                ports: rand() < 0.2 ? [{ containerPort: 80, hostPort: 8080 }] : [],
              },
            ],
            ...(rand() < 0.1
              ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } }
              : {}),
          },
          status: { phase: plan.full ? 'Running' : pick(['Running', 'Running', 'Running', 'Succeeded']) },
        });
      }
    }
  }
  if (rand() < 0.5) {
    nodes.push({
      kind: 'Node',
      metadata: { name: 'stray', labels: { 'kubernetes.io/hostname': 'stray', 'topology.kubernetes.io/zone': pick(ZONES) } },
      spec: {},
      status: { allocatable: { cpu: '2', memory: '4Gi', pods: '20' } },
    });
  }
  const persistentVolumes = ['z1', 'z2', 'z9'].map((zone, i) => ({
    metadata: { name: `pv-${i}`, labels: { 'topology.kubernetes.io/zone': zone } },
  }));
  const persistentVolumeClaims = persistentVolumes.map((pv, i) => ({
    metadata: { name: `data-${i}`, namespace: 'shop' },
    spec: { volumeName: pv.metadata.name },
  }));
  for (let i = 0; i < (options.pending ?? 40); i++) {
    const app = pick(APPS);
    const claim = rand() < 0.15 ? pick(persistentVolumeClaims).metadata.name : undefined;
    pods.push({
      metadata: { name: `pending-${i}`, namespace: 'shop', labels: { app, version: pick(['v1', 'v2']) } },
      spec: pendingSpec(rand, pick, app, claim),
      status: { phase: 'Pending' },
    });
  }
  return {
    cluster: 'c',
    pods: { kind: 'List', items: pods },
    nodes: { kind: 'List', items: nodes },
    pools,
    persistentVolumes: { kind: 'List', items: persistentVolumes },
    persistentVolumeClaims: { kind: 'List', items: persistentVolumeClaims },
    namespaces: {
      kind: 'List',
      items: [
        { metadata: { name: 'shop', labels: { tier: 'prod' } } },
        { metadata: { name: 'data', labels: { tier: 'prod' } } },
        { metadata: { name: 'monitoring', labels: { tier: 'ops' } } },
      ],
    },
  };
}
