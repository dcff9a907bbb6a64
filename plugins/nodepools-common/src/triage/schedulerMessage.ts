import type { EventRecord, PodRecord } from './read';
import type { SchedulerMessageSummary } from './types';

/**
 * kube-scheduler's own verdict for a pod: the PodScheduled=False condition's
 * message, or else the latest FailedScheduling event's.
 */
export function schedulerMessageOf(pod: PodRecord, events: readonly EventRecord[] | undefined): string | undefined {
  if (pod.schedulerCondition) return pod.schedulerCondition;
  const failed = (events ?? []).filter(e => e.reason === 'FailedScheduling');
  return failed.length ? failed[failed.length - 1].message : undefined;
}

const HEADER = /^\s*(\d+)\/(\d+) nodes are available(?::\s*)?/;

/**
 * Splits `0/40 nodes are available: 12 Insufficient memory, 28 node(s) had
 * untolerated taint {a: b}. preemption: ...` into counted reasons. The
 * wording changed across releases (and taints may contain ", "), so items
 * are split only where a count starts the next one.
 */
export function parseSchedulerMessage(message: string): SchedulerMessageSummary {
  const summary: SchedulerMessageSummary = { reasons: [] };
  let rest = message.trim();
  const preemption = /\.?\s*preemption:\s*(.*)$/s.exec(rest);
  if (preemption) {
    summary.preemption = preemption[1].trim();
    rest = rest.slice(0, preemption.index);
  }
  const header = HEADER.exec(rest);
  if (!header) {
    if (rest) summary.reasons.push({ count: 0, text: rest.replace(/\.$/, '') });
    return summary;
  }
  summary.available = Number(header[1]);
  summary.total = Number(header[2]);
  rest = rest.slice(header[0].length).replace(/\.\s*$/, '');
  for (const item of rest.split(/,\s+(?=\d+\s)/)) {
    const match = /^(\d+)\s+(.*)$/s.exec(item.trim());
    if (match) summary.reasons.push({ count: Number(match[1]), text: match[2].trim() });
    else if (item.trim()) summary.reasons.push({ count: 0, text: item.trim() });
  }
  return summary;
}
