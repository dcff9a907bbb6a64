import { defaultMachineCatalog } from '../machines/catalog';
import { SELF_MANAGED_PROVIDER, providerProfile } from '../providers/registry';
import { formatResourceAmount } from '../quantity/format';
import { describeRequirement } from './checks/nodeAffinity';
import type { VolumeTopology } from './checks/volumeZone';
import { buildClusterState, podKey, type ClusterState, type PoolState } from './cluster';
import { readTriageInput } from './input';
import {
  Evaluator,
  FITS_AFTER_SCALE_UP,
  FITS_NOW,
  type PoolEvaluation,
} from './evaluate';
import { smallestFix } from './fix';
import { ipExhaustionEvent } from './ipExhaustion';
import type { NodeSelectorTerm } from './kube';
import type { PodRecord } from './read';
import { parseSchedulerMessage, schedulerMessageOf } from './schedulerMessage';
import { groupBySignature, labelsMatter, signatureKey } from './signature';
import type {
  PodTriage,
  PoolTriageSummary,
  PoolVerdict,
  SignatureGroup,
  SkippedItem,
  TriageFix,
  TriageInput,
  TriageOptions,
  TriageReason,
  TriageReport,
} from './types';

const NO_REASONS: TriageReason[] = [];

/**
 * Many pods share one verdict list and many pools share reasons: equal
 * reasons and equal reason lists are kept once.
 */
class ReasonStore {
  private readonly reasons = new Map<string, TriageReason>();
  private readonly lists = new Map<string, TriageReason[]>();

  reason(reason: TriageReason): TriageReason {
    const key = `${reason.code}\u0000${reason.scope}\u0000${reason.nodes ?? ''}\u0000${reason.message}`;
    let stored = this.reasons.get(key);
    if (!stored) this.reasons.set(key, (stored = reason));
    return stored;
  }

  list(reasons: TriageReason[]): TriageReason[] {
    if (reasons.length === 0) return NO_REASONS;
    const key = reasons.map(r => `${r.code}\u0000${r.scope}\u0000${r.nodes ?? ''}\u0000${r.message}`).join('\u0001');
    let stored = this.lists.get(key);
    if (!stored) this.lists.set(key, (stored = reasons.map(r => this.reason(r))));
    return stored;
  }
}

function reasonsOf(evaluation: PoolEvaluation): TriageReason[] {
  if (evaluation.fitsNow) return NO_REASONS;
  const reasons: TriageReason[] = [];
  const onNodes = new Map<string, TriageReason>();
  for (const reason of evaluation.nodeReasons) {
    const { code, message } = reason;
    const triage: TriageReason = { code, message, scope: 'nodes', nodes: reason.nodes };
    onNodes.set(`${code}\u0000${message}`, triage);
    reasons.push(triage);
  }
  for (const reason of evaluation.newNodeReasons) {
    const same = onNodes.get(`${reason.code}\u0000${reason.message}`);
    if (same) same.scope = 'pool';
    else reasons.push({ ...reason, scope: 'new-node' });
  }
  if (evaluation.scalingReason) reasons.push({ ...evaluation.scalingReason, scope: 'pool' });
  return reasons;
}

function newNodeOf(evaluation: PoolEvaluation): PoolVerdict['newNode'] {
  const candidate = evaluation.candidate;
  if (!candidate) return undefined;
  return { machineType: candidate.machineType, source: candidate.source, estimated: candidate.estimated };
}

function termText(term: NodeSelectorTerm): string {
  return [...(term.matchExpressions ?? []), ...(term.matchFields ?? [])].map(describeRequirement).join(' and ');
}

/** A few words on what sets a signature's pods apart, for people scanning groups. */
function summaryOf(pod: PodRecord, volumes: readonly VolumeTopology[]): string[] {
  const lines: string[] = [];
  const selector = Object.entries(pod.nodeSelector);
  if (selector.length) lines.push(`nodeSelector ${selector.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (pod.nodeAffinityTerms) lines.push(`node affinity ${pod.nodeAffinityTerms.map(termText).join(' or ')}`);
  // Admission adds the not-ready/unreachable NoExecute tolerations to every pod; they tell nothing apart.
  const tolerations = pod.tolerations.filter(
    t => !(t.effect === 'NoExecute' && (t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable')),
  );
  if (tolerations.length) {
    lines.push(
      `tolerates ${tolerations
        .map(t => (t.key ? `${t.key}${t.operator === 'Exists' ? '' : `=${t.value ?? ''}`}${t.effect ? `:${t.effect}` : ''}` : 'everything'))
        .join(', ')}`,
    );
  }
  for (const c of pod.spread) {
    lines.push(`spread over ${c.topologyKey} (maxSkew ${c.maxSkew}, ${c.whenUnsatisfiable})`);
  }
  if (pod.podAffinity.length) lines.push(`pod affinity on ${pod.podAffinity.map(t => t.topologyKey).join(', ')}`);
  if (pod.podAntiAffinity.length) lines.push(`pod anti-affinity on ${pod.podAntiAffinity.map(t => t.topologyKey).join(', ')}`);
  if (pod.hostPorts.length) lines.push(`host ports ${pod.hostPorts.map(p => `${p.port}/${p.protocol}`).join(', ')}`);
  if (volumes.length) lines.push(`volumes ${volumes.map(v => v.volume).join(', ')}`);
  return lines;
}

function requestsText(pod: PodRecord): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, amount] of Object.entries(pod.requests)) result[name] = formatResourceAmount(name, amount);
  return result;
}

function ipExhaustionFix(pool: PoolState | undefined, node: string): TriageFix {
  const advice = providerProfile(pool?.provider ?? SELF_MANAGED_PROVIDER).podIps.whenExhausted;
  return {
    kind: 'ip-exhaustion',
    pool: pool?.name,
    text: `node ${node} got the pod but the CNI has no IP address left for it: ${advice}`,
  };
}

function placedPodTriage(state: ClusterState, cluster: string): PodTriage[] {
  const result: PodTriage[] = [];
  for (const pod of state.creating) {
    const event = ipExhaustionEvent(state.events.get(podKey(pod)));
    if (!event) continue;
    const node = state.nodesByName.get(pod.nodeName!);
    const pool = node ? state.poolOf(node) : undefined;
    const reason: TriageReason = { code: 'ip-exhaustion', message: event.message, scope: 'nodes', nodes: 1 };
    result.push({
      namespace: pod.namespace,
      name: pod.name,
      state: 'ip-exhaustion',
      signature: 'placed',
      schedulableNow: true,
      pools: pool
        ? [{ cluster, pool: pool.name, provider: pool.provider, ref: pool.ref, fitsNow: false, fitsAfterScaleUp: false, reasons: [reason] }]
        : [],
      fix: ipExhaustionFix(pool, pod.nodeName!),
    });
  }
  for (const pod of state.boundToMissingNode) {
    result.push({
      namespace: pod.namespace,
      name: pod.name,
      state: 'missing-node',
      signature: 'placed',
      schedulableNow: false,
      pools: [],
      fix: {
        kind: 'recreate-pod',
        text: `it is bound to node ${pod.nodeName}, which does not exist: delete the pod so that its controller creates a new one for the scheduler`,
      },
    });
  }
  return result;
}

/**
 * For every Pending pod of one cluster: each pool's verdict now and after a
 * scale-up with every blocker found, the scheduler's own message, and the
 * smallest change that lets it schedule. Pure: no I/O, no clock. Bad items
 * of the input are left out and listed in `skipped`; input that is not a
 * list at all throws TriageInputError.
 */
export function analyzePendingPods(input: TriageInput, options: TriageOptions = {}): TriageReport {
  const skipped: SkippedItem[] = [];
  const state = buildClusterState(readTriageInput(input, skipped));
  const evaluator = new Evaluator(state, options.catalog ?? defaultMachineCatalog(), options);
  const cluster = state.cluster;
  const withLabels = state.existingAntiAffinity.length > 0;
  const volumesOf = (pod: PodRecord) =>
    pod.claims.map(c => state.volumes.get(`${pod.namespace}/${c}`)).filter((v): v is VolumeTopology => !!v);
  const groups = groupBySignature(state.pending, pod => signatureKey(pod, volumesOf(pod), labelsMatter(pod, withLabels)));

  const store = new ReasonStore();
  const fitNow = new Map<PoolState, number>();
  const fitLater = new Map<PoolState, number>();
  const triaged: PodTriage[] = [];
  const signatures: SignatureGroup[] = [];
  const pools = state.pools;
  const allNeeds = groups.map((group, i) => evaluator.compileNeeds(group.items, {}, `s${i + 1}`));
  const allFlags = allNeeds.map(() => new Uint8Array(pools.length));
  // Pool by pool, every signature: a pool's nodes and template stay in the
  // processor's cache while the few signatures change, which is many times
  // faster than walking all pools once per signature.
  for (let p = 0; p < pools.length; p++) {
    const flags = evaluator.quickVerdictsOfPool(allNeeds, pools[p]);
    for (let n = 0; n < allNeeds.length; n++) allFlags[n][p] = flags[n];
  }
  groups.forEach((group, i) => {
    const id = `s${i + 1}`;
    const needs = allNeeds[i];
    const flags = allFlags[i];
    let schedulableNow = false;
    for (let p = 0; p < pools.length; p++) {
      if (flags[p] & FITS_NOW) {
        schedulableNow = true;
        fitNow.set(pools[p], (fitNow.get(pools[p]) ?? 0) + group.items.length);
      }
      if (flags[p] & FITS_AFTER_SCALE_UP) fitLater.set(pools[p], (fitLater.get(pools[p]) ?? 0) + group.items.length);
    }
    const fix = smallestFix(evaluator, needs, flags);
    // Reasons cost a full evaluation per pool: they are worked out when a
    // signature's verdicts are first read, once for all its pods.
    let verdicts: PoolVerdict[] | undefined;
    const poolVerdicts = () => {
      verdicts ??= pools.map((pool, p) => {
        const evaluation = evaluator.evaluatePool(needs, pool);
        return {
          cluster,
          pool: pool.name,
          provider: pool.provider,
          ref: pool.ref,
          fitsNow: (flags[p] & FITS_NOW) !== 0,
          fitsAfterScaleUp: (flags[p] & FITS_AFTER_SCALE_UP) !== 0,
          reasons: store.list(reasonsOf(evaluation)),
          newNode: newNodeOf(evaluation),
        };
      });
      return verdicts;
    };
    signatures.push({
      id,
      pods: group.items.length,
      requests: requestsText(needs.pod),
      summary: summaryOf(needs.pod, needs.volumes),
    });
    for (const pod of group.items) {
      const message = schedulerMessageOf(pod, state.events.get(podKey(pod)));
      const entry = {
        namespace: pod.namespace,
        name: pod.name,
        state: 'unscheduled',
        signature: id,
        schedulableNow,
      } as PodTriage;
      Object.defineProperty(entry, 'pools', { get: poolVerdicts, enumerable: true });
      entry.fix = fix;
      if (message) {
        entry.schedulerMessage = message;
        entry.schedulerSummary = parseSchedulerMessage(message);
      }
      if (pod.schedulingGates.length) entry.schedulingGates = pod.schedulingGates;
      triaged.push(entry);
    }
  });
  triaged.push(...placedPodTriage(state, cluster));

  const poolSummaries: PoolTriageSummary[] = state.pools.map(pool => ({
    cluster,
    pool: pool.name,
    provider: pool.provider,
    ref: pool.ref,
    nodes: pool.nodes.length,
    pendingFitNow: fitNow.get(pool) ?? 0,
    pendingFitAfterScaleUp: fitLater.get(pool) ?? 0,
  }));
  const notes = [...new Set(evaluator.templateNotes())];
  if (state.pools.some(p => p.spec && p.nodes.length === 0)) {
    notes.push('pools without nodes are judged from the machine catalog: their allocatable resources are estimates');
  }
  return { cluster, pods: triaged, signatures, pools: poolSummaries, skipped, notes };
}
