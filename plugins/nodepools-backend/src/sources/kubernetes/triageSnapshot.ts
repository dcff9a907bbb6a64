import {
  CoreV1Api,
  type CoreV1Event,
  type KubeConfig,
  type V1Container,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import { withoutKeys } from '../objects';
import { runnerFor } from './kubeRequest';
import {
  ACTIVE_PODS_FIELD_SELECTOR,
  DEFAULT_PAGE_SIZE,
  type ListingOptions,
} from './observedNodes';
import { listInPages, type ListPage } from './paging';

/**
 * What pending-pod triage needs from a cluster, read at one moment.
 *
 * Memory: a cluster's pods are most of its API objects, and the triage only
 * reads a few fields of the pods already running. Pending pods are kept
 * whole (their spec is what is analyzed, their status holds the scheduler's
 * condition). Bound pods are cut down to what the scheduler's filters read
 * from existing pods: namespace, name, labels and owner (daemonset overhead,
 * inter-pod affinity and spread counting), node name, container requests and
 * limits, host ports, pod overhead and required anti-affinity (the only
 * existing-pod term that constrains a new pod). Nodes drop their image lists
 * and addresses, usually the largest part of a node object.
 */
export interface TriageSnapshot {
  pods: V1Pod[];
  nodes: V1Node[];
  /** `FailedScheduling` and `FailedCreatePodSandBox` events of pods. */
  events: CoreV1Event[];
  collectedAt: string;
}

export const TRIAGE_EVENT_REASONS = ['FailedScheduling', 'FailedCreatePodSandBox'] as const;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function withoutBulkyMetadata(pod: V1Pod): V1Pod {
  const metadata = withoutKeys(pod.metadata ?? {}, ['managedFields']);
  if (metadata.annotations?.[LAST_APPLIED]) {
    return {
      ...pod,
      metadata: { ...metadata, annotations: withoutKeys(metadata.annotations, [LAST_APPLIED]) },
    };
  }
  return { ...pod, metadata };
}

function slimContainer(container: V1Container): V1Container {
  const hostPorts = container.ports?.filter(port => port.hostPort);
  return {
    name: container.name,
    ...(container.restartPolicy ? { restartPolicy: container.restartPolicy } : {}),
    resources: {
      ...(container.resources?.requests ? { requests: container.resources.requests } : {}),
      ...(container.resources?.limits ? { limits: container.resources.limits } : {}),
    },
    ...(hostPorts?.length ? { ports: hostPorts } : {}),
  };
}

function slimBoundPod(pod: V1Pod): V1Pod {
  const { metadata, spec } = pod;
  const antiAffinity =
    spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    metadata: {
      name: metadata?.name,
      namespace: metadata?.namespace,
      uid: metadata?.uid,
      labels: metadata?.labels,
      ownerReferences: metadata?.ownerReferences,
    },
    spec: {
      nodeName: spec?.nodeName,
      containers: (spec?.containers ?? []).map(slimContainer),
      ...(spec?.initContainers?.length
        ? { initContainers: spec.initContainers.map(slimContainer) }
        : {}),
      ...(spec?.overhead ? { overhead: spec.overhead } : {}),
      ...(antiAffinity?.length
        ? {
            affinity: {
              podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: antiAffinity },
            },
          }
        : {}),
    },
    status: { phase: pod.status?.phase },
  };
}

function slimNode(node: V1Node): V1Node {
  const { metadata, spec, status } = node;
  return {
    metadata: {
      name: metadata?.name,
      uid: metadata?.uid,
      labels: metadata?.labels,
      creationTimestamp: metadata?.creationTimestamp,
    },
    spec: {
      ...(spec?.taints ? { taints: spec.taints } : {}),
      ...(spec?.unschedulable ? { unschedulable: spec.unschedulable } : {}),
      ...(spec?.providerID ? { providerID: spec.providerID } : {}),
    },
    status: {
      allocatable: status?.allocatable,
      capacity: status?.capacity,
      conditions: status?.conditions,
      nodeInfo: status?.nodeInfo,
    },
  };
}

function slimEvent(event: CoreV1Event): CoreV1Event {
  return { ...event, metadata: withoutKeys(event.metadata, ['managedFields']) };
}

/**
 * Reads the pods, nodes and scheduling events of one cluster in pages.
 * Throws when any listing fails: triage over part of a cluster would give
 * wrong verdicts. Error messages never hold the cluster's credentials.
 */
export async function collectTriageSnapshot(
  kubeConfig: KubeConfig,
  options: ListingOptions & { now?: () => Date } = {},
): Promise<TriageSnapshot> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const runner = runnerFor(options);
  const context = { signal: options.signal, redact: options.redact };
  const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const toPage = <T>(list: { items: T[]; metadata?: { _continue?: string } }): ListPage<T> => ({
    items: list.items,
    continueToken: list.metadata?._continue,
  });

  let pods: V1Pod[] = [];
  await listInPages<V1Pod>(
    runner,
    {
      description: 'GET /api/v1/pods',
      fetchPage: async (continueToken, requestOptions) =>
        toPage(
          await api.listPodForAllNamespaces(
            { limit, _continue: continueToken, fieldSelector: ACTIVE_PODS_FIELD_SELECTOR },
            requestOptions,
          ),
        ),
      onPage: page => {
        for (const pod of page) {
          if (pod.status?.phase === 'Pending') pods.push(withoutBulkyMetadata(pod));
          else if (pod.spec?.nodeName) pods.push(slimBoundPod(pod));
        }
      },
      onRestart: () => {
        pods = [];
      },
    },
    context,
  );

  let nodes: V1Node[] = [];
  await listInPages<V1Node>(
    runner,
    {
      description: 'GET /api/v1/nodes',
      fetchPage: async (continueToken, requestOptions) =>
        toPage(await api.listNode({ limit, _continue: continueToken }, requestOptions)),
      onPage: page => {
        for (const node of page) nodes.push(slimNode(node));
      },
      onRestart: () => {
        nodes = [];
      },
    },
    context,
  );

  const events: CoreV1Event[] = [];
  for (const reason of TRIAGE_EVENT_REASONS) {
    const start = events.length;
    await listInPages<CoreV1Event>(
      runner,
      {
        description: `GET /api/v1/events?fieldSelector=reason=${reason}`,
        fetchPage: async (continueToken, requestOptions) =>
          toPage(
            await api.listEventForAllNamespaces(
              {
                limit,
                _continue: continueToken,
                fieldSelector: `involvedObject.kind=Pod,reason=${reason}`,
              },
              requestOptions,
            ),
          ),
        onPage: page => {
          for (const event of page) events.push(slimEvent(event));
        },
        onRestart: () => {
          events.length = start;
        },
      },
      context,
    );
  }

  return {
    pods,
    nodes,
    events,
    collectedAt: (options.now?.() ?? new Date()).toISOString(),
  };
}
