import { shortResourceReason, type ShortResource } from './checks/resources';
import type { Finding } from './checks/types';
import type { CheckReason } from './types';

export interface TalliedReason extends CheckReason {
  nodes: number;
}

/** Blockers found on many nodes, counted; resources keep the node closest to fitting. */
export class ReasonTally {
  private readonly reasons = new Map<string, TalliedReason>();
  private readonly short = new Map<string, { best: ShortResource; nodes: number }>();

  /** Findings with the numbers of a short resource are kept apart, by resource. */
  add(findings: readonly Finding[], nodes: number) {
    for (const finding of findings) {
      if ('short' in finding) {
        this.addOneShort(finding.short, nodes);
        continue;
      }
      const reason: CheckReason = { code: finding.code, message: finding.message };
      const key = `${reason.code}\u0000${reason.message}`;
      const seen = this.reasons.get(key);
      if (seen) seen.nodes += nodes;
      else this.reasons.set(key, { ...reason, nodes });
    }
  }

  addShort(short: readonly ShortResource[], nodes: number) {
    for (const item of short) this.addOneShort(item, nodes);
  }

  private addOneShort(item: ShortResource, nodes: number) {
    const seen = this.short.get(item.resource);
    if (!seen) this.short.set(item.resource, { best: item, nodes });
    else {
      seen.nodes += nodes;
      if (item.free > seen.best.free) seen.best = item;
    }
  }

  list(): TalliedReason[] {
    const shortReasons = [...this.short.values()].map(({ best, nodes }) => ({
      ...shortResourceReason(best, nodes > 1 ? 'free at most' : 'free'),
      nodes,
    }));
    return [...this.reasons.values(), ...shortReasons];
  }
}

