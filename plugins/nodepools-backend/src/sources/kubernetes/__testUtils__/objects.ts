/** Node and pod objects in the API's JSON shape, with only what a test sets. */

export function node(options: {
  name: string;
  labels?: Record<string, string>;
  ready?: boolean;
  allocatable?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  kubeletVersion?: string;
  osImage?: string;
  unschedulable?: boolean;
}) {
  return {
    metadata: {
      name: options.name,
      uid: `uid-${options.name}`,
      labels: options.labels ?? {},
      creationTimestamp: '2025-01-02T03:04:05Z',
      managedFields: [{ manager: 'kubelet', operation: 'Update' }],
    },
    spec: {
      providerID: `aws:///us-east-1a/i-${options.name}`,
      ...(options.taints ? { taints: options.taints } : {}),
      ...(options.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      allocatable: options.allocatable ?? {},
      capacity: options.allocatable ?? {},
      conditions: [
        {
          type: 'Ready',
          status: options.ready === false ? 'False' : 'True',
          reason: 'KubeletReady',
          lastTransitionTime: '2025-01-02T03:05:00Z',
        },
      ],
      nodeInfo: {
        kubeletVersion: options.kubeletVersion ?? 'v1.31.2-eks-7f9249a',
        osImage: options.osImage ?? 'Amazon Linux 2023.6.20241121',
        architecture: 'amd64',
        operatingSystem: 'linux',
        kernelVersion: '6.1.115',
        containerRuntimeVersion: 'containerd://1.7.23',
        kubeProxyVersion: '',
        machineID: 'm',
        systemUUID: 's',
        bootID: 'b',
      },
      images: [{ names: ['registry.example/app:1'], sizeBytes: 123456 }],
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    },
  };
}

interface ContainerSpec {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  restartPolicy?: string;
  hostPort?: number;
}

function container(name: string, spec: ContainerSpec) {
  return {
    name,
    image: 'registry.example/app:1',
    env: [{ name: 'MODE', value: 'production' }],
    ...(spec.restartPolicy ? { restartPolicy: spec.restartPolicy } : {}),
    resources: {
      ...(spec.requests ? { requests: spec.requests } : {}),
      ...(spec.limits ? { limits: spec.limits } : {}),
    },
    ports: [
      { containerPort: 8080, protocol: 'TCP' },
      ...(spec.hostPort ? [{ containerPort: 9100, hostPort: spec.hostPort, protocol: 'TCP' }] : []),
    ],
  };
}

export function pod(options: {
  name: string;
  namespace?: string;
  nodeName?: string;
  phase?: string;
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  overhead?: Record<string, string>;
  labels?: Record<string, string>;
  ownerKind?: string;
  requiredAntiAffinity?: boolean;
}) {
  return {
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'default',
      uid: `uid-${options.name}`,
      labels: options.labels ?? { app: options.name },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"a":"very long document"}',
        team: 'payments',
      },
      managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
      ...(options.ownerKind
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: options.ownerKind, name: 'owner', uid: 'u', controller: true },
            ],
          }
        : {}),
    },
    spec: {
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
      containers: (options.containers ?? [{}]).map((c, i) => container(`c${i}`, c)),
      ...(options.initContainers
        ? { initContainers: options.initContainers.map((c, i) => container(`init${i}`, c)) }
        : {}),
      ...(options.overhead ? { overhead: options.overhead } : {}),
      volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
      ...(options.requiredAntiAffinity
        ? {
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  {
                    labelSelector: { matchLabels: { app: options.name } },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                ],
              },
            },
          }
        : {}),
    },
    status: { phase: options.phase ?? 'Running' },
  };
}
