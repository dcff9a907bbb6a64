import { defaultMachineCatalog } from '../machines/catalog';
import { SELF_MANAGED_PROVIDER, providerProfile } from '../providers/registry';
import type { VolumeTopology } from './checks/volumeZone';
import { buildClusterState, podKey, type ClusterInput, type ClusterState, type PoolState } from './cluster';
import { askShortOfResources, explainedShare, poolsToExplain } from './explainShare';
import { fitDigit } from './fits';
import { checkLimit } from './limits';
import { readTriageInput } from './input';
import { Evaluator, FITS_AFTER_SCALE_UP, FITS_NOW } from './evaluate';
import { smallestFix } from './fix';
import { ipExhaustionEvent } from './ipExhaustion';
import type { PodRecord } from './read';
import { ReasonTable, requestsText, signatureVerdict, summaryOf } from './reportParts';
import { schedulerMessageOf } from './schedulerMessage';
import { groupBySignature, labelsMatter, signatureKey } from './signature';
import {
  TRIAGE_REPORT_FORMAT,
  type PoolTriageSummary,
  type SignatureTriage,
  type SkippedItem,
  type TriageFix,
  type TriageInput,
  type TriageOptions,
  type TriagePod,
  type TriageReport,
} from './types';

const DIGITS = new TextDecoder();
const NO_POOLS: readonly number[] = [];
/** `fits` digits' character codes by fits now (2) + fits after a scale-up (1): not a string per signature and pool. */
const FIT_DIGIT_CODES = [false, true].flatMap(now => [false, true].map(later => fitDigit(now, later).charCodeAt(0)));

/**
 * Adds a signature's pods to the counts of the pools that take them and
 * writes its `fits` digits; true when some pool takes them now. A function
 * of its own: it runs once per signature and pool, and is compiled for
 * that loop alone.
 */
function tallyFits(flags: Uint8Array, pods: number, fitNow: Float64Array, fitLater: Float64Array, digits: Uint8Array): boolean {
  let anyNow = false;
  for (let p = 0; p < flags.length; p++) {
    const bits = flags[p];
    const now = (bits & FITS_NOW) !== 0;
    const later = (bits & FITS_AFTER_SCALE_UP) !== 0;
    if (now) {
      anyNow = true;
      fitNow[p] += pods;
    }
    if (later) fitLater[p] += pods;
    digits[p] = FIT_DIGIT_CODES[(now ? 2 : 0) + (later ? 1 : 0)];
  }
  return anyNow;
}

function ipExhaustionFix(pool: PoolState | undefined, node: string): TriageFix {
  const advice = providerProfile(pool?.provider ?? SELF_MANAGED_PROVIDER).podIps.whenExhausted;
  return {
    kind: 'ip-exhaustion',
    pool: pool?.name,
    text: `node ${node} got the pod but the CNI has no IP address left for it: ${advice}`,
  };
}

function placedPodTriage(state: ClusterState, table: ReasonTable): TriagePod[] {
  const result: TriagePod[] = [];
  for (const pod of state.creating) {
    const event = ipExhaustionEvent(state.events.get(podKey(pod)));
    if (!event) continue;
    const node = state.nodesByName.get(pod.nodeName!);
    const pool = node ? state.poolOf(node) : undefined;
    const entry: TriagePod = {
      namespace: pod.namespace,
      name: pod.name,
      state: 'ip-exhaustion',
      signature: 'placed',
      fix: ipExhaustionFix(pool, pod.nodeName!),
    };
    if (pool) {
      entry.placed = {
        pool: pool.index,
        reasons: table.list([{ code: 'ip-exhaustion', message: event.message, scope: 'nodes', nodes: 1 }]),
      };
    }
    result.push(entry);
  }
  for (const pod of state.boundToMissingNode) {
    result.push({
      namespace: pod.namespace,
      name: pod.name,
      state: 'missing-node',
      signature: 'placed',
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
  const read = readTriageInput(input, skipped);
  checkLimit(options.limits, 'maxPods', read.pendingPods.length + read.placedCount, 'pods');
  checkLimit(options.limits, 'maxNodes', read.nodes.length, 'nodes');
  return analyzeClusterInput(read, skipped, options);
}

/**
 * The analysis of input already read (`TriageInputReader`); `skipped`
 * holds what the reading left out. Over `options.limits.maxWork`
 * (signatures x pools) it throws TriageLimitError before evaluating.
 */
export function analyzeClusterInput(input: ClusterInput, skipped: SkippedItem[], options: TriageOptions = {}): TriageReport {
  const state = buildClusterState(input);
  const evaluator = new Evaluator(state, options.catalog ?? defaultMachineCatalog(), options);
  const cluster = state.cluster;
  const withLabels = state.existingAntiAffinity.length > 0;
  const volumesOf = (pod: PodRecord) =>
    pod.claims.map(c => state.volumes.get(`${pod.namespace}/${c}`)).filter((v): v is VolumeTopology => !!v);
  const groups = groupBySignature(state.pending, pod => signatureKey(pod, volumesOf(pod), labelsMatter(pod, withLabels)));
  checkLimit(options.limits, 'maxWork', groups.length * state.pools.length, 'signatures x pools');

  const table = new ReasonTable();
  // Pending pods each pool takes, by pool position.
  const fitNow = new Float64Array(state.pools.length);
  const fitLater = new Float64Array(state.pools.length);
  const pods: TriagePod[] = [];
  const signatures: SignatureTriage[] = [];
  const pools = state.pools;
  const allNeeds = groups.map((group, i) => evaluator.compileNeeds(group.items, {}, `s${i + 1}`));
  const allFlags = allNeeds.map(() => new Uint8Array(pools.length));
  // Pool by pool, every signature: a pool's nodes and template stay in the
  // processor's cache while the few signatures change, which is many times
  // faster than walking all pools once per signature.
  for (let p = 0; p < pools.length; p++) evaluator.quickVerdictsOfPool(allNeeds, pools[p], allFlags);
  // Reasons cost a full evaluation per pool: past the budget, each
  // signature's share goes to the pools a person would read first.
  const share = explainedShare(options.limits?.maxExplained, groups.length, pools.length);
  askShortOfResources(evaluator, allNeeds, allFlags, share);
  let explained = 0;
  // Placed pods' reasons enter the table first, as converting a per-pod report enters them.
  const placed = placedPodTriage(state, table);
  const digits = new Uint8Array(pools.length);
  // A fix names its pool: the positions of the pools of each name.
  const poolsNamed = new Map<string, number[]>();
  pools.forEach((pool, p) => poolsNamed.set(pool.name, [...(poolsNamed.get(pool.name) ?? []), p]));
  groups.forEach((group, i) => {
    const id = `s${i + 1}`;
    const needs = allNeeds[i];
    const flags = allFlags[i];
    const schedulableNow = tallyFits(flags, group.items.length, fitNow, fitLater, digits);
    const fix = smallestFix(evaluator, needs, flags);
    const fixPools = fix.pool === undefined ? NO_POOLS : poolsNamed.get(fix.pool) ?? NO_POOLS;
    const verdicts = poolsToExplain(evaluator, needs, flags, fixPools, share).map(p => {
      const fitsNow = (flags[p] & FITS_NOW) !== 0;
      return signatureVerdict(
        p,
        { fitsNow, fitsAfterScaleUp: (flags[p] & FITS_AFTER_SCALE_UP) !== 0 },
        evaluator.evaluatePool(needs, pools[p], fitsNow),
        table,
      );
    });
    explained += verdicts.length;
    signatures.push({
      id,
      pods: group.items.length,
      requests: requestsText(needs.pod),
      summary: summaryOf(needs.pod, needs.volumes),
      schedulableNow,
      fix,
      fits: DIGITS.decode(digits),
      verdicts,
    });
    for (const pod of group.items) {
      const entry: TriagePod = { namespace: pod.namespace, name: pod.name, state: 'unscheduled', signature: id };
      const message = schedulerMessageOf(pod, state.events.get(podKey(pod)));
      if (message) entry.schedulerMessage = message;
      if (pod.schedulingGates.length) entry.schedulingGates = pod.schedulingGates;
      pods.push(entry);
    }
  });
  pods.push(...placed);

  const poolSummaries: PoolTriageSummary[] = state.pools.map(pool => ({
    cluster,
    pool: pool.name,
    provider: pool.provider,
    ref: pool.ref,
    nodes: pool.nodeCount,
    pendingFitNow: fitNow[pool.index],
    pendingFitAfterScaleUp: fitLater[pool.index],
  }));
  const notes = [...new Set(evaluator.templateNotes())];
  if (state.pools.some(p => p.spec && p.nodeCount === 0)) {
    notes.push('pools without nodes are judged from the machine catalog: their allocatable resources are estimates');
  }
  const verdictCount = groups.length * pools.length;
  if (explained < verdictCount) {
    notes.push(
      `reasons were worked out for ${explained.toLocaleString('en-US')} of ${verdictCount.toLocaleString('en-US')} pool verdicts ` +
        `(maxExplained ${options.limits?.maxExplained?.toLocaleString('en-US')}): per signature, the pools that take or nearly take its pods; ` +
        'the others show whether they fit, without reasons',
    );
  }
  return {
    format: TRIAGE_REPORT_FORMAT,
    cluster,
    pools: poolSummaries,
    signatures,
    reasons: table.reasons,
    pods,
    skipped,
    notes,
  };
}
