import type { KubeEvent } from '../kube';
import { FieldError, isObject, objectAt, optionalString, requiredString } from './fields';

/** An event about a pod: FailedScheduling, or a sandbox that could not get an IP address. */
export interface EventRecord {
  reason: string;
  message: string;
  namespace: string;
  name: string;
  /** ISO time of the last occurrence, for picking the latest. */
  time: string;
}

export function readEvent(raw: unknown): EventRecord | undefined {
  const event = objectAt(raw, '(item)') as KubeEvent & Record<string, unknown>;
  // core/v1 events name `involvedObject`; events.k8s.io/v1 events name `regarding`.
  const subject = [event.involvedObject, event.regarding].find(isObject);
  if (!subject) throw new FieldError('involvedObject', 'is missing: the event names no object');
  if (subject.kind !== undefined && subject.kind !== 'Pod') return undefined;
  const message = optionalString(event.message ?? event.note, event.message !== undefined ? 'message' : 'note') ?? '';
  const metadata = isObject(event.metadata) ? event.metadata : {};
  const series = isObject(event.series) ? event.series : {};
  return {
    reason: optionalString(event.reason, 'reason') ?? '',
    message,
    namespace: optionalString(subject.namespace, 'involvedObject.namespace') || 'default',
    name: requiredString(subject.name, 'involvedObject.name'),
    time: String(
      series.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? metadata.creationTimestamp ?? '',
    ),
  };
}
