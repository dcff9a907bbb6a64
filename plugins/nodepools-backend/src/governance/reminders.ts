import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { GovernanceFinding } from '@nodepools/plugin-nodepools-common';
import type { GovernanceStore } from '../store/GovernanceStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The owner's review page in the app, as the reminder links to it. */
export function reviewLink(owner: string): string {
  return `/nodepools/owners/${encodeURIComponent(owner)}/review`;
}

/**
 * Reminds each owner with pools whose ownership is not confirmed within
 * the review period, once per period: what was sent is recorded, so the
 * evaluations in between send nothing. Without a notifications backend
 * every send fails: that is said once in the log, and nothing is
 * recorded, so the reminder goes out once one is installed.
 */
export class ReviewReminders {
  private warned = false;

  constructor(
    private readonly deps: {
      store: Pick<GovernanceStore, 'remindersSent' | 'recordReminder'>;
      notifications: NotificationService;
      reviewPeriodDays: number;
      logger: LoggerService;
    },
  ) {}

  /** Sends the reminders the evaluation's findings call for; returns how many were sent. */
  async send(findings: readonly GovernanceFinding[], now: Date): Promise<number> {
    const unconfirmed = new Map<string, number>();
    for (const finding of findings) {
      if (finding.rule !== 'unconfirmed-ownership' || finding.subject.kind !== 'pool' || !finding.owner) continue;
      unconfirmed.set(finding.owner, (unconfirmed.get(finding.owner) ?? 0) + 1);
    }
    if (!unconfirmed.size) return 0;
    const sent = await this.deps.store.remindersSent();
    const periodMs = this.deps.reviewPeriodDays * DAY_MS;
    let count = 0;
    for (const [owner, pools] of [...unconfirmed].sort(([a], [b]) => a.localeCompare(b))) {
      const last = sent.get(owner);
      if (last && now.getTime() - Date.parse(last) < periodMs) continue;
      try {
        await this.deps.notifications.send({
          recipients: { type: 'entity', entityRef: owner },
          payload: {
            title: `Review the ownership of ${pools} node pool${pools === 1 ? '' : 's'}`,
            description:
              `${pools} node pool${pools === 1 ? ' is' : 's are'} owned by ${owner} with no confirmation in the last ` +
              `${this.deps.reviewPeriodDays} days. Confirm them, or hand them over to the group that runs them.`,
            link: reviewLink(owner),
            severity: 'normal',
            topic: 'nodepool-review',
            scope: `nodepool-review:${owner}`,
          },
        });
      } catch (error) {
        if (!this.warned) {
          this.warned = true;
          this.deps.logger.warn(
            `Review reminders are not sent: ${(error as Error).message}. Install the notifications backend to send them`,
          );
        }
        continue;
      }
      await this.deps.store.recordReminder(owner, now.toISOString(), pools);
      count++;
    }
    return count;
  }
}
