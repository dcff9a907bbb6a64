import type { EventRecord, PodRecord } from './read';
import { parseSchedulerMessage, schedulerMessageOf } from './schedulerMessage';
import { ipExhaustionEvent } from './ipExhaustion';

describe('parseSchedulerMessage', () => {
  it.each([
    [
      'counts and reasons, with the preemption part apart',
      '0/40 nodes are available: 12 Insufficient memory, 28 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/40 nodes are available: 40 Preemption is not helpful for scheduling.',
      {
        available: 0,
        total: 40,
        reasons: [
          { count: 12, text: 'Insufficient memory' },
          { count: 28, text: 'node(s) had untolerated taint {dedicated: gpu}' },
        ],
        preemption: '0/40 nodes are available: 40 Preemption is not helpful for scheduling.',
      },
    ],
    [
      'a taint with several keys is kept in one reason',
      '0/3 nodes are available: 3 node(s) had untolerated taint {a: 1, b: 2}.',
      { available: 0, total: 3, reasons: [{ count: 3, text: 'node(s) had untolerated taint {a: 1, b: 2}' }] },
    ],
    [
      'a message without counts is kept whole',
      'running PreBind plugin "VolumeBinding": binding volumes: timed out waiting for the condition',
      { reasons: [{ count: 0, text: 'running PreBind plugin "VolumeBinding": binding volumes: timed out waiting for the condition' }] },
    ],
    [
      'the header alone',
      '0/5 nodes are available.',
      { available: 0, total: 5, reasons: [] },
    ],
  ])('%s', (_name, message, expected) => {
    expect(parseSchedulerMessage(message)).toEqual(expected);
  });
});

describe('schedulerMessageOf', () => {
  const pod = { schedulerCondition: undefined } as unknown as PodRecord;
  const event = (reason: string, message: string, time: string): EventRecord => ({ reason, message, time, namespace: 'ns', name: 'p' });

  it('prefers the PodScheduled condition', () => {
    expect(schedulerMessageOf({ ...pod, schedulerCondition: 'from condition' }, [event('FailedScheduling', 'from event', 't')])).toBe('from condition');
  });

  it('else takes the latest FailedScheduling event (events come sorted by time)', () => {
    expect(
      schedulerMessageOf(pod, [
        event('FailedScheduling', 'older', '2026-01-01T00:00:00Z'),
        event('Scheduled', 'not this', '2026-01-01T00:00:01Z'),
        event('FailedScheduling', 'newest', '2026-01-01T00:00:02Z'),
      ]),
    ).toBe('newest');
  });

  it('has nothing to say without either', () => {
    expect(schedulerMessageOf(pod, undefined)).toBeUndefined();
  });
});

describe('ipExhaustionEvent', () => {
  const event = (message: string): EventRecord => ({ reason: 'FailedCreatePodSandBox', message, time: 't', namespace: 'ns', name: 'p' });

  it.each([
    ['the EKS VPC CNI', 'add cmd: failed to assign an IP address to container', true],
    ['Azure CNI', 'Failed to allocate address: no available addresses', true],
    ['a subnet that is full', 'InsufficientSubnetSize: subnet is full', true],
    ['an unrelated sandbox failure', 'failed to pull image', false],
  ])('recognizes %s', (_name, message, matches) => {
    expect(ipExhaustionEvent([event(message)]) !== undefined).toBe(matches);
  });
});
