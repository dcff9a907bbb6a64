import { estimateAllocatable } from '../machines/allocatable';
import type { MachineCloud, MachineType } from '../machines/types';
import { formatTaint, type Provider, type Taint } from '../model/pool';
import { providerProfile } from '../providers/registry';
import { formatResourceAmount } from '../quantity/format';
import { tolerationFor } from './checks/taints';
import { compareText } from './compare';
import { isTransientTaint } from './cluster';
import type { PoolState } from './cluster';
import {
  FITS_AFTER_SCALE_UP,
  FITS_NEW_NODE,
  FITS_NOW,
  IGNORE_NODE_AFFINITY,
  IGNORE_RESOURCES,
  IGNORE_TAINTS,
  type Evaluator,
  type NeedsChange,
  type PodNeeds,
  type PoolEvaluation,
} from './evaluate';
import { untoleratedTaints } from './checks/taints';
import type { NodeSelectorTerm } from './kube';
import {
  ARCH_LABEL,
  HOSTNAME_LABEL,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  OS_LABEL,
  REGION_LABEL,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
} from './labels';
import type { ResourceMap } from './read';
import type { SuggestedPool, TriageFix } from './types';

/** How many pools a "what if" fix is tried on, per kind: the checks are exact but not free. */
const MAX_TRIES = 8;

/**
 * Lowering a request is offered only when the pod keeps at least this share
 * of it; cutting more would change what the workload is, and a new pool of
 * a larger machine type is the smaller change.
 */
const LOWER_REQUEST_KEEPS_AT_LEAST = 0.5;

/** Labels a pool request cannot set: the cloud or Kubernetes derives them. */
const DERIVED_LABELS = new Set([
  ARCH_LABEL,
  'beta.kubernetes.io/arch',
  OS_LABEL,
  'beta.kubernetes.io/os',
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
  REGION_LABEL,
  HOSTNAME_LABEL,
]);

/** Requirements that retargeting a pod must keep: its image only runs on one OS and architecture. */
const PLATFORM_LABELS = new Set([ARCH_LABEL, 'beta.kubernetes.io/arch', OS_LABEL, 'beta.kubernetes.io/os']);

export function formatRequests(requests: ResourceMap): string {
  return Object.entries(requests)
    .filter(([, amount]) => amount > 0)
    .map(([name, amount]) => `${name} ${formatResourceAmount(name, amount)}`)
    .join(', ');
}

function fits(evaluation: PoolEvaluation): boolean {
  return evaluation.fitsNow || evaluation.fitsAfterScaleUp;
}

function where(evaluation: PoolEvaluation): string {
  return evaluation.fitsNow ? 'on its current nodes' : 'after a scale-up';
}

function tryChange(
  evaluator: Evaluator,
  needs: PodNeeds,
  pool: PoolState,
  change: NeedsChange,
): PoolEvaluation | undefined {
  const changed = evaluator.compileNeeds(needs.pods, change, `${needs.id}-what-if`);
  const evaluation = evaluator.evaluatePool(changed, pool);
  return fits(evaluation) ? evaluation : undefined;
}

/** Pools for which a quick "what if" verdict, leaving some checks out, says the pod would fit. */
function poolsFittingWithout(evaluator: Evaluator, needs: PodNeeds, ignore: number, bits: number): PoolState[] {
  return evaluator.state.pools.filter(pool => (evaluator.quickVerdict(needs, pool, ignore) & bits) !== 0);
}

/**
 * Taints named after a device resource (`nvidia.com/gpu`, `aws.amazon.com/neuron`)
 * keep accelerators for the pods that use them: tolerating one is no fix for
 * a pod that does not request the device.
 */
function reservesADevice(taint: Taint, needs: PodNeeds): boolean {
  return /^[a-z0-9.-]+\.[a-z]+\/[a-z0-9.-]+$/i.test(taint.key) && /gpu|neuron|tpu|accelerator/i.test(taint.key) && !(needs.requests[taint.key] > 0);
}

/** Taints of the pool, on its nodes or on a new node, that the pod does not tolerate. */
function untoleratedOf(evaluator: Evaluator, needs: PodNeeds, pool: PoolState): Taint[] {
  const found = new Map<string, Taint>();
  const taintSets = [
    ...pool.classes.map(c => c.taints),
    ...evaluator.template(pool).candidates.slice(0, 1).map(c => c.taints),
  ];
  for (const taints of taintSets) {
    for (const taint of untoleratedTaints(taints.filter(t => !isTransientTaint(t)), needs.tolerations)) {
      found.set(`${taint.key}=${taint.value ?? ''}:${taint.effect}`, taint);
    }
  }
  return [...found.values()];
}

function addTolerationFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  const tainted = poolsFittingWithout(evaluator, needs, IGNORE_TAINTS, FITS_NOW | FITS_AFTER_SCALE_UP)
    .map(pool => ({ pool, taints: untoleratedOf(evaluator, needs, pool) }))
    .filter(c => c.taints.length > 0 && !c.taints.some(t => reservesADevice(t, needs)))
    .sort((a, b) => a.taints.length - b.taints.length)
    .slice(0, MAX_TRIES);
  for (const { pool, taints } of tainted) {
    const tolerations = taints.map(tolerationFor);
    const result = tryChange(evaluator, needs, pool, { addTolerations: tolerations });
    if (result) {
      return {
        kind: 'add-toleration',
        pool: pool.name,
        tolerations,
        text: `add the toleration${tolerations.length > 1 ? 's' : ''} for ${taints
          .map(formatTaint)
          .join(', ')}: pool ${pool.name} then takes it ${where(result)}`,
      };
    }
  }
  return undefined;
}

function platformOnly(terms: readonly NodeSelectorTerm[] | undefined): NodeSelectorTerm[] | null {
  if (!terms) return null;
  const kept = terms
    .map(term => ({ matchExpressions: (term.matchExpressions ?? []).filter(r => PLATFORM_LABELS.has(r.key)) }))
    .filter(term => term.matchExpressions.length > 0);
  return kept.length === terms.length ? kept : null;
}

function targetPoolFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  if (needs.affinityKeys.length === 0) return undefined;
  const candidates = poolsFittingWithout(evaluator, needs, IGNORE_NODE_AFFINITY, FITS_NOW | FITS_AFTER_SCALE_UP)
    .filter(pool => pool.label)
    .slice(0, MAX_TRIES);
  let later: TriageFix | undefined;
  for (const pool of candidates) {
    const nodeSelector: Record<string, string> = { [pool.label!]: pool.name };
    for (const [key, value] of Object.entries(needs.pod.nodeSelector)) {
      if (PLATFORM_LABELS.has(key)) nodeSelector[key] = value;
    }
    const result = tryChange(evaluator, needs, pool, {
      nodeSelector,
      nodeAffinityTerms: platformOnly(needs.pod.nodeAffinityTerms),
    });
    if (!result) continue;
    const fix: TriageFix = {
      kind: 'target-pool',
      pool: pool.name,
      nodeSelector,
      text: `target pool ${pool.name}: replace the pod's node selector and affinity with nodeSelector ${Object.entries(
        nodeSelector,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}; it then fits ${where(result)}`,
    };
    if (result.fitsNow) return fix;
    later ??= fix;
  }
  return later;
}

function lowerRequestFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  type Option = { fix: TriageFix; keeps: number };
  let best: Option | undefined;
  const candidates = poolsFittingWithout(evaluator, needs, IGNORE_RESOURCES, FITS_NEW_NODE).slice(0, MAX_TRIES);
  for (const pool of candidates) {
    const evaluation = evaluator.evaluatePool(needs, pool);
    const candidate = evaluation.candidate;
    const reasons = evaluation.newNodeReasons;
    if (!candidate?.free || reasons.length === 0) continue;
    if (!reasons.every(r => r.code.startsWith('insufficient:') && r.code !== 'insufficient:pods')) continue;
    const requests = { ...needs.requests };
    const changes: string[] = [];
    let keeps = 1;
    for (const reason of reasons) {
      const resource = reason.code.slice('insufficient:'.length);
      const free = candidate.free[resource] ?? 0;
      if (free <= 0) {
        keeps = 0;
        break;
      }
      keeps = Math.min(keeps, free / requests[resource]);
      changes.push(`${resource} from ${formatResourceAmount(resource, requests[resource])} to ${formatResourceAmount(resource, free)}`);
      requests[resource] = free;
    }
    if (keeps < LOWER_REQUEST_KEEPS_AT_LEAST) continue;
    const result = tryChange(evaluator, needs, pool, { requests });
    if (!result || (best && keeps <= best.keeps)) continue;
    const first = reasons[0].code.slice('insufficient:'.length);
    best = {
      keeps,
      fix: {
        kind: 'lower-request',
        pool: pool.name,
        request: {
          resource: first,
          from: formatResourceAmount(first, needs.requests[first]),
          to: formatResourceAmount(first, requests[first]),
        },
        text: `lower the request of ${changes.join(' and ')}: that is what a new ${
          candidate.machineType ?? 'node'
        } of pool ${pool.name} can hold after its daemonsets`,
      },
    };
  }
  return best?.fix;
}

function raiseMaxFix(evaluator: Evaluator, needs: PodNeeds, flags: Uint8Array): TriageFix | undefined {
  let chosen: { pool: PoolState; perNode: number } | undefined;
  evaluator.state.pools.forEach((pool, i) => {
    if ((flags[i] & FITS_NEW_NODE) === 0 || (flags[i] & FITS_AFTER_SCALE_UP) !== 0) return;
    const perNode = evaluator.podsPerNewNode(needs, pool);
    if (!chosen || perNode > chosen.perNode) chosen = { pool, perNode };
  });
  if (!chosen) return undefined;
  const evaluation = evaluator.evaluatePool(needs, chosen.pool);
  const pool = chosen.pool;
  const scaling = evaluation.template.scaling;
  const perNode = Math.max(1, chosen.perNode);
  const nodesNeeded = Math.ceil(needs.pods.length / perNode);
  const machine = evaluation.candidate?.machineType ? ` ${evaluation.candidate.machineType}` : '';
  const growth = providerProfile(pool.provider).growth;
  if (evaluation.template.kind === 'provisioner' && growth.kind === 'provisioner') {
    const match = /limits\.(\S+) is reached/.exec(evaluation.scalingReason?.message ?? '');
    const resource = match?.[1] ?? 'cpu';
    const limit = scaling.limits?.[resource] ?? 0;
    const adds = (evaluation.candidate?.capacity?.[resource] ?? 0) * nodesNeeded;
    const used = limit - (scaling.remaining?.[resource] ?? 0);
    const to = used + adds;
    return {
      kind: 'raise-max',
      pool: pool.name,
      max: { from: limit, to, field: `limits.${resource}` },
      text: `raise ${growth.noun} ${pool.name}'s limits.${resource} from ${formatResourceAmount(resource, limit)} to ${formatResourceAmount(
        resource,
        to,
      )}: ${nodesNeeded} new${machine} node(s) for ${needs.pods.length} pending pod(s)`,
    };
  }
  const from = scaling.max ?? scaling.current;
  const to = scaling.current + nodesNeeded;
  const autoscalingOff = pool.spec && !pool.spec.autoscaling.enabled;
  return {
    kind: 'raise-max',
    pool: pool.name,
    max: { from, to, field: 'max' },
    text: `${autoscalingOff ? `turn on autoscaling for pool ${pool.name} and raise its max` : `raise pool ${pool.name}'s max`} from ${from} to ${to}: ${nodesNeeded} new${machine} node(s) hold the ${needs.pods.length} pending pod(s), ${perNode} per node`,
  };
}

function prefixDelegationFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  for (const pool of evaluator.state.pools) {
    if (!evaluator.mayBeIpLimited(pool)) continue;
    const evaluation = evaluator.evaluatePool(needs, pool);
    if (!evaluation.ipExhaustion || !evaluation.nodeReasons.every(r => r.code === 'insufficient:pods')) continue;
    const { machineType, maxPods, withPrefixes, network, howToEnable } = evaluation.ipExhaustion;
    return {
      kind: 'enable-prefix-delegation',
      pool: pool.name,
      text: `pool ${pool.name}'s nodes are at the ${network}'s IP limit of ${maxPods} pods (${machineType}); enable prefix delegation (${howToEnable}) to allow ${withPrefixes}`,
    };
  }
  return undefined;
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The single value a pod requires for a label, from its selector or its first affinity term. */
function requiredValue(needs: PodNeeds, key: string): string | undefined {
  const selected = needs.pod.nodeSelector[key];
  if (selected) return selected;
  const term = needs.pod.nodeAffinityTerms?.[0];
  const requirement = term?.matchExpressions?.find(r => r.key === key && r.operator === 'In');
  return requirement?.values?.length === 1 ? requirement.values[0] : undefined;
}

function allowedValues(needs: PodNeeds, key: string): string[] | undefined {
  const selected = needs.pod.nodeSelector[key];
  if (selected) return [selected];
  const requirement = needs.pod.nodeAffinityTerms?.[0]?.matchExpressions?.find(r => r.key === key && r.operator === 'In');
  return requirement?.values;
}

/** What every new-pool suggestion of one cluster starts from, worked out once per analysis. */
interface ClusterFacts {
  provider?: Provider;
  cloud?: MachineCloud;
  /** The architecture most nodes run. */
  arch: string;
  familiesInUse: Set<string>;
  /** What the cluster's daemonsets would take on a new node. */
  overhead: ResourceMap;
  overheadPods: number;
}

const clusterFacts = new WeakMap<Evaluator, ClusterFacts>();

function factsOf(evaluator: Evaluator): ClusterFacts {
  const known = clusterFacts.get(evaluator);
  if (known) return known;
  const state = evaluator.state;
  const provider = mostCommon(state.pools.map(p => p.provider).filter(p => providerProfile(p).cloud !== 'none'));
  const typesInUse = new Set<string>();
  const archCounts = new Map<string, number>();
  for (const p of state.pools) {
    for (const name of p.spec?.machineTypes ?? []) typesInUse.add(name);
    for (const c of p.classes) {
      const name = c.labels[INSTANCE_TYPE_LABEL] ?? c.labels[INSTANCE_TYPE_LABEL_BETA];
      if (name) typesInUse.add(name);
      const arch = c.labels[ARCH_LABEL];
      if (arch) archCounts.set(arch, (archCounts.get(arch) ?? 0) + c.nodes.length);
    }
  }
  const profileCloud = provider ? providerProfile(provider).cloud : 'none';
  let cloud = profileCloud === 'none' ? undefined : profileCloud;
  if (!cloud) {
    cloud = mostCommon(
      [...typesInUse].map(t => evaluator.catalog.find(t)?.cloud).filter((c): c is MachineCloud => !!c),
    );
  }
  const overhead: ResourceMap = {};
  let overheadPods = 0;
  for (const pod of state.daemonSets.values()) {
    for (const [name, amount] of Object.entries(pod.requests)) overhead[name] = (overhead[name] ?? 0) + amount;
    overheadPods++;
  }
  const facts: ClusterFacts = {
    provider,
    cloud,
    arch: [...archCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'amd64',
    familiesInUse: new Set(
      [...typesInUse].map(name => (cloud ? evaluator.catalog.get(cloud, name)?.family : undefined)).filter((f): f is string => !!f),
    ),
    overhead,
    overheadPods,
  };
  clusterFacts.set(evaluator, facts);
  return facts;
}

function suggestedPool(evaluator: Evaluator, needs: PodNeeds): { pool: SuggestedPool; machine?: MachineType; cloud?: MachineCloud } {
  const { provider, cloud, familiesInUse, overhead, overheadPods, arch: clusterArch } = factsOf(evaluator);
  // Without a stated architecture, stay on the one the cluster runs: the image may not exist for another.
  const arch = requiredValue(needs, ARCH_LABEL) ?? requiredValue(needs, 'beta.kubernetes.io/arch') ?? clusterArch;
  const wantsAccelerator = Object.keys(needs.requests).some(
    name => needs.requests[name] > 0 && !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(name) && !name.startsWith('hugepages-'),
  );
  const os = requiredValue(needs, OS_LABEL) ?? 'linux';
  const types = allowedValues(needs, INSTANCE_TYPE_LABEL) ?? allowedValues(needs, INSTANCE_TYPE_LABEL_BETA);
  const zones = [
    ...new Set([
      ...(allowedValues(needs, ZONE_LABEL) ?? []),
      ...needs.volumes.flatMap(v => v.labels[ZONE_LABEL] ?? v.labels[ZONE_LABEL_BETA] ?? []),
    ]),
  ];
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(needs.pod.nodeSelector)) {
    if (!DERIVED_LABELS.has(key)) labels[key] = value;
  }
  for (const requirement of needs.pod.nodeAffinityTerms?.[0]?.matchExpressions ?? []) {
    if (requirement.operator === 'In' && requirement.values?.length === 1 && !DERIVED_LABELS.has(requirement.key)) {
      labels[requirement.key] = requirement.values[0];
    }
  }
  const taints: Taint[] = needs.tolerations
    .filter(t => t.key && !t.key.startsWith('node.kubernetes.io/') && t.effect !== 'PreferNoSchedule')
    .map(t => ({
      key: t.key!,
      ...(t.operator !== 'Exists' && t.value ? { value: t.value } : {}),
      effect: t.effect === 'NoExecute' ? 'NoExecute' : 'NoSchedule',
    }));
  let machine: MachineType | undefined;
  const formula = provider ? providerProfile(provider).allocatableFormula : undefined;
  if (cloud && formula) {
    machine = evaluator.catalog
      .list(cloud)
      .filter(m => m.arch === arch && (!types || types.includes(m.name)))
      .filter(m => wantsAccelerator || ['general', 'compute', 'memory'].includes(m.category))
      .filter(m => {
        const estimate = estimateAllocatable(m, formula);
        if ((estimate.allocatable.pods ?? 0) < overheadPods + 1) return false;
        return Object.entries(needs.requests).every(([name, amount]) => {
          if (amount <= 0 || name === 'pods') return true;
          const allocatable = estimate.allocatable[name];
          if (allocatable === undefined) return name === 'ephemeral-storage';
          const available = name === 'cpu' ? Math.round(allocatable * 1000) : allocatable;
          return available - (overhead[name] ?? 0) >= amount;
        });
      })
      .sort(
        (a, b) =>
          // Families the cluster already runs come first: their images, quotas and prices are known.
          Number(familiesInUse.has(b.family)) - Number(familiesInUse.has(a.family)) ||
          a.vcpu - b.vcpu ||
          a.memoryMiB - b.memoryMiB ||
          a.gpus - b.gpus ||
          compareText(a.name, b.name),
      )[0];
  }
  return {
    cloud,
    machine,
    pool: { provider, machineType: machine?.name, arch: machine?.arch ?? arch, os, labels, taints, zones },
  };
}

function newPoolFix(evaluator: Evaluator, needs: PodNeeds): TriageFix {
  const { pool, machine, cloud } = suggestedPool(evaluator, needs);
  const parts = [
    Object.keys(pool.labels).length
      ? `labels ${Object.entries(pool.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`
      : undefined,
    pool.taints.length ? `taint${pool.taints.length > 1 ? 's' : ''} ${pool.taints.map(formatTaint).join(', ')}` : undefined,
  ].filter(Boolean);
  const extras = `${parts.length ? ` with ${parts.join(' and ')}` : ''}${pool.zones.length ? ` in ${pool.zones.join(', ')}` : ''}`;
  const provider = pool.provider ? `${providerProfile(pool.provider).displayName} ` : '';
  const text = machine
    ? `no existing pool can take it: request a new ${provider}pool of ${machine.name} (${machine.vcpu} vCPU, ${
        Math.round((machine.memoryMiB / 1024) * 100) / 100
      } GiB${machine.gpus ? `, ${machine.gpus} GPU` : ''}, ${machine.arch})${extras}`
    : `no existing pool can take it, and no ${cloud ? `${cloud} ` : ''}machine type in the catalog has room for ${formatRequests(
        needs.requests,
      )}: a new pool needs a larger machine type${extras}`;
  return { kind: 'new-pool', text, newPool: pool };
}

/**
 * The one change that lets the pods of a signature schedule, tried in this
 * order: remove scheduling gates; nothing (it fits now, or a scale-up will
 * place it); enable prefix delegation; raise the max of a pool that already
 * accepts the pod (capacity only, the pod keeps its placement intent); add a
 * toleration (opens a dedicated pool to it); target another pool; lower a
 * request; and last, a new pool. Each suggestion but the last is re-checked
 * by evaluating the pool with the change made.
 */
export function smallestFix(evaluator: Evaluator, needs: PodNeeds, flags: Uint8Array): TriageFix {
  const pools = evaluator.state.pools;
  const gates = needs.pod.schedulingGates;
  if (gates.length > 0) {
    return {
      kind: 'remove-scheduling-gates',
      text: `the scheduler does not consider it until its scheduling gates are removed: ${gates.join(', ')}`,
    };
  }
  const now = pools.filter((_, i) => flags[i] & FITS_NOW);
  if (now.length > 0) {
    return {
      kind: 'none',
      pool: now[0].name,
      text: `it fits now on pool${now.length > 1 ? 's' : ''} ${now
        .slice(0, 3)
        .map(p => p.name)
        .join(', ')}${now.length > 3 ? ` and ${now.length - 3} more` : ''}; if it stays Pending, look at preemption, volume binding and the scheduler's events`,
    };
  }
  let growing: { pool: PoolState; perNode: number } | undefined;
  pools.forEach((pool, i) => {
    if (!(flags[i] & FITS_AFTER_SCALE_UP)) return;
    const perNode = evaluator.podsPerNewNode(needs, pool);
    if (!growing || perNode > growing.perNode) growing = { pool, perNode };
  });
  if (growing) {
    const template = evaluator.template(growing.pool);
    const machine = template.candidates.find(c => c.machineType)?.machineType;
    // A scale-up stops at the pool's max: when the group needs more new nodes
    // than the max leaves room for, some of its pods stay Pending.
    const nodesNeeded = Math.ceil(needs.pods.length / Math.max(1, growing.perNode));
    const { current, max } = template.scaling;
    if (template.kind === 'node-group' && max !== undefined && current + nodesNeeded > max) {
      const to = current + nodesNeeded;
      return {
        kind: 'raise-max',
        pool: growing.pool.name,
        max: { from: max, to, field: 'max' },
        text: `raise pool ${growing.pool.name}'s max from ${max} to ${to}: its ${needs.pods.length} pending pod(s) need ${nodesNeeded} new${
          machine ? ` ${machine}` : ''
        } node(s), ${growing.perNode} per node, and the max leaves room for ${Math.max(0, max - current)}`,
      };
    }
    return {
      kind: 'wait-for-scale-up',
      pool: growing.pool.name,
      text: `pool ${growing.pool.name} can add a node${machine && evaluator.template(growing.pool).kind !== 'provisioner' ? ` (${machine})` : ''} that takes it: the autoscaler should scale it up`,
    };
  }
  return (
    prefixDelegationFix(evaluator, needs) ??
    raiseMaxFix(evaluator, needs, flags) ??
    addTolerationFix(evaluator, needs) ??
    targetPoolFix(evaluator, needs) ??
    lowerRequestFix(evaluator, needs) ??
    newPoolFix(evaluator, needs)
  );
}
