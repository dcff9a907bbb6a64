import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { GovernanceFinding } from '@nodepools/plugin-nodepools-common';
import { ReviewReminders, reviewLink } from './reminders';

const PAYMENTS = 'group:default/team-payments';
const DATA = 'group:default/team-data';

function unconfirmed(ref: string, owner?: string): GovernanceFinding {
  return {
    id: `gov-${ref}`,
    rule: 'unconfirmed-ownership',
    severity: 'low',
    subject: { kind: 'pool', ref },
    clusterRef: 'eks/1/r/c',
    ...(owner ? { owner } : {}),
    message: 'due',
    details: {},
    fix: 'confirm',
  };
}

function setup(failing = false) {
  const sent: Parameters<NotificationService['send']>[0][] = [];
  const notifications: NotificationService = {
    send: async notification => {
      if (failing) throw new Error('no notifications backend');
      sent.push(notification);
    },
  };
  const recorded = new Map<string, string>();
  const store = {
    remindersSent: async () => new Map(recorded),
    recordReminder: async (owner: string, at: string) => {
      recorded.set(owner, at);
    },
  };
  const logger = mockServices.logger.mock();
  const reminders = new ReviewReminders({ store, notifications, reviewPeriodDays: 90, logger });
  return { reminders, sent, recorded, logger };
}

describe('ReviewReminders', () => {
  const findings = [
    unconfirmed('eks/1/r/c/a', PAYMENTS),
    unconfirmed('eks/1/r/c/b', PAYMENTS),
    unconfirmed('eks/1/r/c/d', DATA),
    unconfirmed('eks/1/r/c/e'),
    { ...unconfirmed('eks/1/r/c/f', DATA), rule: 'fixed-size' as const },
  ];

  it('sends each owner one reminder per review period', async () => {
    const { reminders, sent, recorded } = setup();
    expect(await reminders.send(findings, new Date('2026-12-03T10:00:00.000Z'))).toBe(2);
    expect(sent.map(n => [n.recipients, n.payload.title, n.payload.link])).toEqual([
      [{ type: 'entity', entityRef: DATA }, 'Review the ownership of 1 node pool', reviewLink(DATA)],
      [{ type: 'entity', entityRef: PAYMENTS }, 'Review the ownership of 2 node pools', '/nodepools/owners/group%3Adefault%2Fteam-payments/review'],
    ]);
    expect(recorded.get(PAYMENTS)).toBe('2026-12-03T10:00:00.000Z');

    // Evaluations within the period send nothing; the next period sends again.
    expect(await reminders.send(findings, new Date('2027-02-28T10:00:00.000Z'))).toBe(0);
    expect(await reminders.send(findings, new Date('2027-03-03T10:00:00.000Z'))).toBe(2);
    expect(sent).toHaveLength(4);
  });

  it('sends nothing without unconfirmed pools', async () => {
    const { reminders, sent } = setup();
    expect(await reminders.send([findings[4]], new Date())).toBe(0);
    expect(sent).toEqual([]);
  });

  it('records nothing and warns once when notifications cannot be sent', async () => {
    const { reminders, recorded, logger } = setup(true);
    expect(await reminders.send(findings, new Date('2026-12-03T10:00:00.000Z'))).toBe(0);
    expect(await reminders.send(findings, new Date('2026-12-03T10:30:00.000Z'))).toBe(0);
    expect(recorded.size).toBe(0);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
