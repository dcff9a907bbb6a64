import {
  expandPodVerdicts,
  explainedSignatureVerdicts,
  fitCounts,
  fitsSomewhereAfterScaleUp,
  parseSchedulerMessage,
  type PoolVerdict,
  type SchedulerMessageSummary,
  type SignatureTriage,
  type TriageFix,
  type TriagePod,
  type TriageReason,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';

/** One fix and the pods it is for. */
export interface GroupFix {
  fix: TriageFix;
  pods: TriagePod[];
}

/** One distinct kube-scheduler message and how many pods of the group saw it. */
export interface GroupMessage {
  text: string;
  summary?: SchedulerMessageSummary;
  pods: number;
}

/** The pods of one scheduling signature, with what the page shows about them. */
export interface TriageGroup {
  /** The signature id (`s1`), or what the engine put pods outside any signature under (`placed`). */
  id: string;
  /** The signature's requests and summary; absent for pods the engine did not group. */
  signature?: SignatureTriage;
  pods: TriagePod[];
  /**
   * The verdicts with reasons, for the matrix: every pool's, unless the
   * analysis explained a share only (the signature's `fits` has the rest).
   */
  verdicts: PoolVerdict[];
  fixes: GroupFix[];
  messages: GroupMessage[];
  /** The pools the analysis gave the quick verdict only, counted by that verdict. */
  unexplained?: UnexplainedPools;
}

/** Pools of a signature without reasons, by what their quick verdict says. */
export interface UnexplainedPools {
  pools: number;
  now: number;
  afterScaleUp: number;
  neither: number;
}

function unexplainedPools(signature: SignatureTriage): UnexplainedPools | undefined {
  const pools = signature.fits.length - signature.verdicts.length;
  if (pools <= 0) return undefined;
  const explained = new Set(signature.verdicts.map(v => v.pool));
  const others: number[] = [];
  for (let position = 0; position < signature.fits.length; position++) {
    if (!explained.has(position)) others.push(position);
  }
  return { pools: others.length, ...fitCounts(signature, others) };
}

function reasonKey(reason: TriageReason): string {
  return `${reason.scope}\u0000${reason.code}\u0000${reason.message}`;
}

/**
 * Pods outside a signature (placed pods) each carry the verdict of their own
 * node's pool: one pool may appear under several pods. It fits only if it
 * fits every one of them, and it shows every distinct blocker.
 */
function mergeVerdicts(report: TriageReport, pods: TriagePod[]): PoolVerdict[] {
  const byRef = new Map<string, PoolVerdict>();
  const seenReasons = new Map<string, Set<string>>();
  for (const pod of pods) {
    for (const verdict of expandPodVerdicts(report, pod)) {
      const known = byRef.get(verdict.ref);
      if (!known) {
        byRef.set(verdict.ref, { ...verdict, reasons: [...verdict.reasons] });
        seenReasons.set(verdict.ref, new Set(verdict.reasons.map(reasonKey)));
        continue;
      }
      known.fitsNow &&= verdict.fitsNow;
      known.fitsAfterScaleUp &&= verdict.fitsAfterScaleUp;
      known.newNode ??= verdict.newNode;
      const seen = seenReasons.get(verdict.ref)!;
      for (const reason of verdict.reasons) {
        const key = reasonKey(reason);
        if (!seen.has(key)) {
          seen.add(key);
          known.reasons.push(reason);
        }
      }
    }
  }
  return [...byRef.values()];
}

/** Pods of a signature share its fix; placed pods each have their own. */
function distinctFixes(pods: TriagePod[], signature: SignatureTriage | undefined): GroupFix[] {
  if (signature) return [{ fix: signature.fix, pods }];
  const byKey = new Map<string, GroupFix>();
  for (const pod of pods) {
    if (!pod.fix) continue;
    const key = JSON.stringify(pod.fix);
    const entry = byKey.get(key);
    if (entry) entry.pods.push(pod);
    else byKey.set(key, { fix: pod.fix, pods: [pod] });
  }
  return [...byKey.values()];
}

function distinctMessages(pods: TriagePod[]): GroupMessage[] {
  const byText = new Map<string, GroupMessage>();
  for (const pod of pods) {
    if (!pod.schedulerMessage) continue;
    const entry = byText.get(pod.schedulerMessage);
    if (entry) entry.pods++;
    else {
      byText.set(pod.schedulerMessage, {
        text: pod.schedulerMessage,
        summary: parseSchedulerMessage(pod.schedulerMessage),
        pods: 1,
      });
    }
  }
  return [...byText.values()].sort((a, b) => b.pods - a.pods);
}

/**
 * The report's pods by scheduling signature, largest group first; pods the
 * engine placed outside any signature come last, in the engine's order.
 * Pods of one signature share its verdicts and fix, written once in the
 * report.
 */
export function groupTriage(report: TriageReport): TriageGroup[] {
  const podsBySignature = new Map<string, TriagePod[]>();
  for (const pod of report.pods) {
    const list = podsBySignature.get(pod.signature);
    if (list) list.push(pod);
    else podsBySignature.set(pod.signature, [pod]);
  }
  const signatures = new Map(report.signatures.map(s => [s.id, s]));
  const groups: TriageGroup[] = [];
  for (const [id, pods] of podsBySignature) {
    const signature = signatures.get(id);
    groups.push({
      id,
      signature,
      pods,
      verdicts: signature ? explainedSignatureVerdicts(report, signature) : mergeVerdicts(report, pods),
      fixes: distinctFixes(pods, signature),
      messages: distinctMessages(pods),
      unexplained: signature ? unexplainedPools(signature) : undefined,
    });
  }
  const rank = (group: TriageGroup) => (group.signature ? 0 : 1);
  // Array.prototype.sort is stable: equal groups keep the engine's order.
  return groups.sort(
    (a, b) => rank(a) - rank(b) || (a.signature ? b.pods.length - a.pods.length : 0),
  );
}

/** Counts for the report's header. */
export interface TriageCounts {
  pending: number;
  schedulableNow: number;
  fitAfterScaleUp: number;
  ipExhaustion: number;
  skipped: number;
}

/**
 * "Schedulable now" and "would fit after a scale-up" are about pods still
 * waiting for a node: a placed pod starved of IP addresses is counted on its
 * own, whatever the engine's flags say.
 */
export function countTriage(report: TriageReport): TriageCounts {
  let schedulableNow = 0;
  let fitAfterScaleUp = 0;
  let ipExhaustion = 0;
  const signatures = new Map(report.signatures.map(s => [s.id, s]));
  for (const pod of report.pods) {
    if (pod.state === 'ip-exhaustion') ipExhaustion++;
    const signature = signatures.get(pod.signature);
    if (pod.state !== 'unscheduled' || !signature) continue;
    if (signature.schedulableNow) schedulableNow++;
    else if (fitsSomewhereAfterScaleUp(signature)) fitAfterScaleUp++;
  }
  return {
    pending: report.pods.length,
    schedulableNow,
    fitAfterScaleUp,
    ipExhaustion,
    skipped: report.skipped.length,
  };
}
