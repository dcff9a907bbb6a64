import { formatResourceAmount } from '../quantity/format';
import { describeRequirement } from './checks/nodeAffinity';
import type { VolumeTopology } from './checks/volumeZone';
import type { PoolEvaluation } from './evaluate';
import type { NodeSelectorTerm } from './kube';
import type { PodRecord } from './read';
import type { TemplateCandidate } from './templates';
import type { NewNodeInfo, SignatureVerdict, TriageReason } from './types';

const NO_POSITIONS: number[] = [];

/**
 * The report's table of distinct blockers: verdicts refer to reasons by
 * position, and equal lists of positions are kept once.
 */
export class ReasonTable {
  readonly reasons: TriageReason[] = [];
  private readonly positions = new Map<string, number>();
  private readonly lists = new Map<string, number[]>();

  private position(reason: TriageReason): number {
    const key = `${reason.code}\u0000${reason.scope}\u0000${reason.nodes ?? ''}\u0000${reason.message}`;
    let position = this.positions.get(key);
    if (position === undefined) {
      position = this.reasons.length;
      this.positions.set(key, position);
      this.reasons.push(reason);
    }
    return position;
  }

  list(reasons: readonly TriageReason[]): number[] {
    if (reasons.length === 0) return NO_POSITIONS;
    const positions = reasons.map(r => this.position(r));
    const key = positions.join(',');
    let stored = this.lists.get(key);
    if (!stored) this.lists.set(key, (stored = positions));
    return stored;
  }
}

/** Every blocker of an evaluation, once, with where it was found. */
export function reasonsOf(evaluation: PoolEvaluation): TriageReason[] {
  if (evaluation.fitsNow) return [];
  const reasons: TriageReason[] = [];
  // Node reasons are looked up by their words only when a new node has reasons to match.
  const onNodes = evaluation.newNodeReasons.length > 0 ? new Map<string, TriageReason>() : undefined;
  for (const reason of evaluation.nodeReasons) {
    const { code, message } = reason;
    const triage: TriageReason = { code, message, scope: 'nodes', nodes: reason.nodes };
    onNodes?.set(`${code}\u0000${message}`, triage);
    reasons.push(triage);
  }
  for (const reason of evaluation.newNodeReasons) {
    const same = onNodes?.get(`${reason.code}\u0000${reason.message}`);
    if (same) same.scope = 'pool';
    else reasons.push({ ...reason, scope: 'new-node' });
  }
  if (evaluation.scalingReason) reasons.push({ ...evaluation.scalingReason, scope: 'pool' });
  return reasons;
}

/** One per candidate: every verdict that names the same new node shares it. */
const newNodes = new WeakMap<TemplateCandidate, NewNodeInfo>();

function newNodeOf(evaluation: PoolEvaluation): NewNodeInfo | undefined {
  const candidate = evaluation.candidate;
  if (!candidate) return undefined;
  let info = newNodes.get(candidate);
  if (!info) {
    info = { machineType: candidate.machineType, source: candidate.source, estimated: candidate.estimated };
    newNodes.set(candidate, info);
  }
  return info;
}

/** A signature's verdict on the pool at `pool`, its reasons in the report's table. */
export function signatureVerdict(
  pool: number,
  flags: { fitsNow: boolean; fitsAfterScaleUp: boolean },
  evaluation: PoolEvaluation,
  table: ReasonTable,
): SignatureVerdict {
  const verdict: SignatureVerdict = { pool, ...flags, reasons: table.list(reasonsOf(evaluation)) };
  const newNode = newNodeOf(evaluation);
  if (newNode) verdict.newNode = newNode;
  return verdict;
}

function termText(term: NodeSelectorTerm): string {
  return [...(term.matchExpressions ?? []), ...(term.matchFields ?? [])].map(describeRequirement).join(' and ');
}

/** A few words on what sets a signature's pods apart, for people scanning groups. */
export function summaryOf(pod: PodRecord, volumes: readonly VolumeTopology[]): string[] {
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

export function requestsText(pod: PodRecord): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, amount] of Object.entries(pod.requests)) result[name] = formatResourceAmount(name, amount);
  return result;
}
