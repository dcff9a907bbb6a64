import { hostPortsOf, type HostPort } from '../checks/hostPorts';
import type { Container, NodeSelectorTerm, Pod, PodAffinityTerm, PodSpec, Toleration, TopologySpreadConstraint } from '../kube';
import { FieldError, isObject, listAt, objectAt, optionalString, requiredString, stringMap } from './fields';
import { nodeSelectorTerms, podAffinityTerms, spreadConstraints, tolerations } from './podSpec';
import { podRequests, type ResourceMap } from './requests';

/** A pod as the triage uses it. */
export interface PodRecord {
  index: number;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  phase: string;
  nodeName?: string;
  deleting: boolean;
  requests: ResourceMap;
  hostPorts: HostPort[];
  tolerations: Toleration[];
  nodeSelector: Record<string, string>;
  /** Undefined when the pod has no required node affinity. */
  nodeAffinityTerms?: NodeSelectorTerm[];
  podAffinity: PodAffinityTerm[];
  podAntiAffinity: PodAffinityTerm[];
  spread: TopologySpreadConstraint[];
  claims: string[];
  /** `namespace/name` of the owning DaemonSet. */
  daemonSet?: string;
  schedulingGates: string[];
  /** The PodScheduled=False condition's message, kube-scheduler's own verdict. */
  schedulerCondition?: string;
  /** Waiting reasons of its containers (ContainerCreating...). */
  waiting: string[];
}

/** The phase a pod is in for scheduling purposes. */
export function isTerminal(pod: PodRecord): boolean {
  return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}

export function readPod(raw: unknown, index: number): PodRecord {
  const pod = objectAt(raw, '(item)') as Pod & Record<string, unknown>;
  const metadata = objectAt(pod.metadata, 'metadata');
  const name = requiredString(metadata.name, 'metadata.name');
  const namespace = optionalString(metadata.namespace, 'metadata.namespace') || 'default';
  if (pod.spec === undefined || pod.spec === null) throw new FieldError('spec', 'is missing: a pod needs a spec');
  const spec = objectAt(pod.spec, 'spec') as PodSpec & Record<string, unknown>;
  const containers = listAt<Container>(spec.containers, 'spec.containers');
  const initContainers = listAt<Container>(spec.initContainers, 'spec.initContainers');
  containers.forEach((c, i) => objectAt(c, `spec.containers[${i}]`));
  initContainers.forEach((c, i) => objectAt(c, `spec.initContainers[${i}]`));
  const status = isObject(pod.status) ? pod.status : {};
  const affinity = spec.affinity === undefined || spec.affinity === null ? {} : objectAt(spec.affinity, 'spec.affinity');
  const nodeAffinity = isObject(affinity.nodeAffinity) ? affinity.nodeAffinity : {};
  const requiredNode = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  const owner = listAt<Record<string, unknown>>(metadata.ownerReferences, 'metadata.ownerReferences').find(
    ref => isObject(ref) && ref.kind === 'DaemonSet',
  );
  const conditions = listAt<Record<string, unknown>>(status.conditions, 'status.conditions');
  const scheduled = conditions.find(c => isObject(c) && c.type === 'PodScheduled' && c.status === 'False');
  const containerStatuses = listAt<Record<string, any>>(status.containerStatuses, 'status.containerStatuses');
  return {
    index,
    namespace,
    name,
    labels: stringMap(metadata.labels, 'metadata.labels'),
    phase: optionalString(status.phase, 'status.phase') ?? 'Pending',
    nodeName: optionalString(spec.nodeName, 'spec.nodeName') || undefined,
    deleting: Boolean(metadata.deletionTimestamp),
    requests: podRequests(spec),
    hostPorts: hostPortsOf(containers, initContainers),
    tolerations: tolerations(spec.tolerations, 'spec.tolerations'),
    nodeSelector: stringMap(spec.nodeSelector, 'spec.nodeSelector'),
    nodeAffinityTerms:
      requiredNode === undefined || requiredNode === null
        ? undefined
        : nodeSelectorTerms(
            objectAt(requiredNode, 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution')
              .nodeSelectorTerms,
            'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
          ),
    podAffinity: podAffinityTerms(
      isObject(affinity.podAffinity) ? affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution : undefined,
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution',
    ),
    podAntiAffinity: podAffinityTerms(
      isObject(affinity.podAntiAffinity)
        ? affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution
        : undefined,
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution',
    ),
    spread: spreadConstraints(spec.topologySpreadConstraints, 'spec.topologySpreadConstraints'),
    claims: listAt<Record<string, any>>(spec.volumes, 'spec.volumes')
      .map(v => (isObject(v) && isObject(v.persistentVolumeClaim) ? v.persistentVolumeClaim.claimName : undefined))
      .filter((c): c is string => typeof c === 'string' && c !== ''),
    daemonSet: owner ? `${namespace}/${String(owner.name ?? owner.uid ?? '')}` : undefined,
    schedulingGates: listAt<Record<string, unknown>>(spec.schedulingGates, 'spec.schedulingGates')
      .map(g => (isObject(g) ? String(g.name ?? '') : ''))
      .filter(Boolean),
    schedulerCondition: scheduled && typeof scheduled.message === 'string' ? scheduled.message : undefined,
    waiting: containerStatuses
      .map(s => (isObject(s) && isObject(s.state) && isObject(s.state.waiting) ? s.state.waiting.reason : undefined))
      .filter((r): r is string => typeof r === 'string'),
  };
}
