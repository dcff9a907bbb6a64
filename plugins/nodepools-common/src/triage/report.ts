import { fitDigit, fitsAt } from './fits';
import { ReasonTable } from './reportParts';
import { parseSchedulerMessage } from './schedulerMessage';
import {
  TRIAGE_REPORT_FORMAT,
  type ExpandedTriageReport,
  type PodTriage,
  type PoolTriageSummary,
  type PoolVerdict,
  type SignatureTriage,
  type SignatureVerdict,
  type TriagePod,
  type TriageReason,
  type TriageReport,
} from './types';

const NO_VERDICTS: PoolVerdict[] = [];

function poolVerdict(
  pool: PoolTriageSummary,
  verdict: Omit<SignatureVerdict, 'pool'>,
  reasons: readonly TriageReason[],
): PoolVerdict {
  const result: PoolVerdict = {
    cluster: pool.cluster,
    pool: pool.pool,
    provider: pool.provider,
    ref: pool.ref,
    fitsNow: verdict.fitsNow,
    fitsAfterScaleUp: verdict.fitsAfterScaleUp,
    reasons: verdict.reasons.map(i => reasons[i]),
  };
  if (verdict.newNode) result.newNode = verdict.newNode;
  return result;
}

/** A pool with its quick verdict only: the analysis did not work out its reasons. */
function unexplainedVerdict(pool: PoolTriageSummary, signature: SignatureTriage, position: number): PoolVerdict {
  return {
    cluster: pool.cluster,
    pool: pool.pool,
    provider: pool.provider,
    ref: pool.ref,
    ...fitsAt(signature, position),
    reasons: [],
    explained: false,
  };
}

/** Expanded verdict lists per signature: every pod of a signature shares one. */
const expandedVerdicts = new WeakMap<SignatureTriage, PoolVerdict[]>();

/**
 * Each pool's verdict on a signature, with pool names and reasons written
 * out; pools the analysis gave the quick verdict only are marked
 * `explained: false`.
 */
export function expandSignatureVerdicts(report: TriageReport, signature: SignatureTriage): PoolVerdict[] {
  let verdicts = expandedVerdicts.get(signature);
  if (!verdicts) {
    const explained = signature.verdicts;
    let next = 0;
    verdicts = report.pools.map((pool, position) => {
      while (next < explained.length && explained[next].pool < position) next++;
      const verdict = explained[next];
      return verdict?.pool === position
        ? poolVerdict(pool, verdict, report.reasons)
        : unexplainedVerdict(pool, signature, position);
    });
    expandedVerdicts.set(signature, verdicts);
  }
  return verdicts;
}

/** The verdicts of a signature whose reasons were worked out, with pool names and reasons written out. */
export function explainedSignatureVerdicts(report: TriageReport, signature: SignatureTriage): PoolVerdict[] {
  return signature.verdicts
    .filter(verdict => report.pools[verdict.pool] !== undefined)
    .map(verdict => poolVerdict(report.pools[verdict.pool], verdict, report.reasons));
}

/** The signatures of a report by id. */
export function signaturesById(report: TriageReport): Map<string, SignatureTriage> {
  return new Map(report.signatures.map(signature => [signature.id, signature]));
}

/**
 * One pod's verdicts on every pool, as the per-pod shape writes them: its
 * signature's, or for a placed pod the verdict of its node's pool.
 */
export function expandPodVerdicts(
  report: TriageReport,
  pod: TriagePod,
  signatures: ReadonlyMap<string, SignatureTriage> = signaturesById(report),
): PoolVerdict[] {
  if (pod.placed) {
    const pool = report.pools[pod.placed.pool];
    if (!pool) return NO_VERDICTS;
    return [poolVerdict(pool, { fitsNow: false, fitsAfterScaleUp: false, reasons: pod.placed.reasons }, report.reasons)];
  }
  const signature = signatures.get(pod.signature);
  return signature ? expandSignatureVerdicts(report, signature) : NO_VERDICTS;
}

function expandPod(report: TriageReport, pod: TriagePod, signatures: ReadonlyMap<string, SignatureTriage>): PodTriage {
  const signature = pod.placed || pod.fix ? undefined : signatures.get(pod.signature);
  const fix = pod.fix ?? signature?.fix;
  const expanded: PodTriage = {
    namespace: pod.namespace,
    name: pod.name,
    state: pod.state,
    signature: pod.signature,
    schedulableNow: signature ? signature.schedulableNow : pod.state === 'ip-exhaustion',
    pools: expandPodVerdicts(report, pod, signatures),
    fix: fix ?? { kind: 'none', text: 'the report names no fix for this pod' },
  };
  if (pod.schedulerMessage) {
    expanded.schedulerMessage = pod.schedulerMessage;
    expanded.schedulerSummary = parseSchedulerMessage(pod.schedulerMessage);
  }
  if (pod.schedulingGates?.length) expanded.schedulingGates = pod.schedulingGates;
  return expanded;
}

/**
 * The per-pod shape of a report (what `nodepools triage --json` prints):
 * every pod with every pool's verdict and its fix. Pods of one signature
 * share one verdict list in memory.
 */
export function expandTriageReport(report: TriageReport): ExpandedTriageReport {
  const signatures = signaturesById(report);
  return {
    cluster: report.cluster,
    pods: report.pods.map(pod => expandPod(report, pod, signatures)),
    signatures: report.signatures.map(({ id, pods, requests, summary }) => ({ id, pods, requests, summary })),
    pools: report.pools,
    skipped: report.skipped,
    notes: report.notes,
  };
}

function compactVerdict(pool: number, verdict: PoolVerdict, table: ReasonTable): SignatureVerdict {
  const compact: SignatureVerdict = {
    pool,
    fitsNow: verdict.fitsNow,
    fitsAfterScaleUp: verdict.fitsAfterScaleUp,
    reasons: table.list(verdict.reasons),
  };
  if (verdict.newNode) compact.newNode = verdict.newNode;
  return compact;
}

/** A per-pod report (format 1, as reports were stored before) in the compact shape. */
export function compactTriageReport(expanded: ExpandedTriageReport): TriageReport {
  const table = new ReasonTable();
  const poolIndex = new Map(expanded.pools.map((pool, i) => [pool.ref, i]));
  const firstPods = new Map<string, PodTriage>();
  for (const pod of expanded.pods) if (!firstPods.has(pod.signature)) firstPods.set(pod.signature, pod);
  // Placed pods first: the engine enters their reasons before any signature's.
  const grouped = new Set(expanded.signatures.map(s => s.id));
  const pods = expanded.pods.map((pod): TriagePod => {
    const entry: TriagePod = { namespace: pod.namespace, name: pod.name, state: pod.state, signature: pod.signature };
    if (pod.schedulerMessage) entry.schedulerMessage = pod.schedulerMessage;
    if (pod.schedulingGates?.length) entry.schedulingGates = pod.schedulingGates;
    if (!grouped.has(pod.signature)) {
      entry.fix = pod.fix;
      const verdict = pod.pools[0];
      const pool = verdict ? poolIndex.get(verdict.ref) : undefined;
      if (verdict && pool !== undefined) entry.placed = { pool, reasons: table.list(verdict.reasons) };
    }
    return entry;
  });
  const signatures: SignatureTriage[] = expanded.signatures.map(group => {
    const first = firstPods.get(group.id);
    const byRef = new Map((first?.pools ?? []).map(verdict => [verdict.ref, verdict]));
    let fits = '';
    const verdicts: SignatureVerdict[] = [];
    expanded.pools.forEach((pool, position) => {
      const verdict = byRef.get(pool.ref);
      fits += fitDigit(verdict?.fitsNow === true, verdict?.fitsAfterScaleUp === true);
      if (verdict && verdict.explained !== false) verdicts.push(compactVerdict(position, verdict, table));
    });
    return {
      ...group,
      schedulableNow: first?.schedulableNow ?? false,
      fix: first?.fix ?? { kind: 'none', text: 'the report names no fix for these pods' },
      fits,
      verdicts,
    };
  });
  return {
    format: TRIAGE_REPORT_FORMAT,
    cluster: expanded.cluster,
    pools: expanded.pools,
    signatures,
    reasons: table.reasons,
    pods,
    skipped: expanded.skipped ?? [],
    notes: expanded.notes ?? [],
  };
}

/** Whether a stored or received report is in the compact shape. */
export function isCompactTriageReport(value: unknown): value is TriageReport {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === TRIAGE_REPORT_FORMAT;
}

/** Format 2, where every signature had a verdict with reasons for every pool. */
interface DenseTriageReport extends Omit<TriageReport, 'format' | 'signatures'> {
  format: 2;
  signatures: Array<Omit<SignatureTriage, 'fits' | 'verdicts'> & { verdicts: Array<Omit<SignatureVerdict, 'pool'>> }>;
}

function isDenseTriageReport(value: unknown): value is DenseTriageReport {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 2;
}

function fromDenseReport(dense: DenseTriageReport): TriageReport {
  return {
    ...dense,
    format: TRIAGE_REPORT_FORMAT,
    signatures: dense.signatures.map(({ verdicts, ...signature }) => ({
      ...signature,
      fits: verdicts.map(v => fitDigit(v.fitsNow, v.fitsAfterScaleUp)).join(''),
      verdicts: verdicts.map((verdict, pool) => ({ pool, ...verdict })),
    })),
  };
}

/**
 * A stored report of any shape, in the current compact one: reports
 * stored in an earlier shape (per pod, or format 2) are converted as they
 * are read.
 */
export function readTriageReport(value: unknown): TriageReport {
  if (isCompactTriageReport(value)) return value;
  if (isDenseTriageReport(value)) return fromDenseReport(value);
  const expanded = value as Partial<ExpandedTriageReport> | null;
  if (!expanded || typeof expanded !== 'object' || !Array.isArray(expanded.pods) || !Array.isArray(expanded.pools)) {
    throw new Error('not a triage report: expected pods and pools');
  }
  return compactTriageReport({
    cluster: String(expanded.cluster ?? ''),
    pods: expanded.pods,
    signatures: Array.isArray(expanded.signatures) ? expanded.signatures : [],
    pools: expanded.pools,
    skipped: Array.isArray(expanded.skipped) ? expanded.skipped : [],
    notes: Array.isArray(expanded.notes) ? expanded.notes : [],
  });
}
