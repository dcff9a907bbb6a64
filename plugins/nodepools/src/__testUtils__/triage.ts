import {
  compactTriageReport,
  type ClusterTriageResponse,
  type ExpandedTriageReport,
  type PodTriage,
  type PoolVerdict,
  type TriageClusterSummary,
  type TriageReport,
} from '@nodepools/plugin-nodepools-common';
import { eksGeneral, eksSpotArm } from './pools';

/*
 * A triage of the `prod-use1` EKS cluster as the engine reports it: three
 * node groups (general purpose, tainted ARM spot, and a tainted batch group
 * at its max size), eleven nodes, five pods that stay Pending and one pod
 * whose sandbox gets no IP address.
 */

const CLUSTER = 'prod-use1';
const BATCH_REF = 'eks/111122223333/us-east-1/prod-use1/ng-batch';

const SPOT_TAINT = {
  code: 'taint',
  message: 'untolerated taint spot=true:NoSchedule',
  scope: 'pool',
  nodes: 6,
} as const;

const BATCH_TAINT = {
  code: 'taint',
  message: 'untolerated taint workload=batch:NoSchedule',
  scope: 'pool',
  nodes: 2,
} as const;

const BATCH_AT_MAX = {
  code: 'max-size',
  message: 'the pool is at its max size (2 of max 2 nodes)',
  scope: 'pool',
} as const;

function verdict(
  pool: 'ng-general' | 'ng-spot-arm' | 'ng-batch',
  fields: Omit<PoolVerdict, 'cluster' | 'pool' | 'provider' | 'ref'>,
): PoolVerdict {
  const refs = {
    'ng-general': eksGeneral.ref,
    'ng-spot-arm': eksSpotArm.ref,
    'ng-batch': BATCH_REF,
  };
  return { cluster: CLUSTER, pool, provider: 'eks', ref: refs[pool], ...fields };
}

const GENERAL_NODE = { machineType: 'm6i.xlarge', source: 'node', estimated: false } as const;
const SPOT_NODE = { machineType: 'm7g.large', source: 'node', estimated: false } as const;
const BATCH_NODE = { machineType: 'c5.2xlarge', source: 'node', estimated: false } as const;

/** 1.5 CPU: more than any general node has free, less than a new one holds. */
const apiVerdicts: PoolVerdict[] = [
  verdict('ng-general', {
    fitsNow: false,
    fitsAfterScaleUp: true,
    reasons: [
      {
        code: 'insufficient:cpu',
        message: 'Insufficient cpu: requests 1.5, free at most 900m of 3.92 allocatable',
        scope: 'nodes',
        nodes: 3,
      },
    ],
    newNode: GENERAL_NODE,
  }),
  verdict('ng-spot-arm', {
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [SPOT_TAINT],
    newNode: SPOT_NODE,
  }),
  verdict('ng-batch', {
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [BATCH_TAINT, BATCH_AT_MAX],
    newNode: BATCH_NODE,
  }),
];

/** 6 CPU: only a batch node has room, and the pod does not tolerate its taint. */
const builderVerdicts: PoolVerdict[] = [
  verdict('ng-general', {
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [
      {
        code: 'insufficient:cpu',
        message: 'Insufficient cpu: requests 6, free at most 900m of 3.92 allocatable',
        scope: 'nodes',
        nodes: 3,
      },
      {
        code: 'insufficient:cpu',
        message: 'Insufficient cpu: requests 6, free on a new node 3.7 of 3.92 allocatable',
        scope: 'new-node',
      },
    ],
    newNode: GENERAL_NODE,
  }),
  verdict('ng-spot-arm', {
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [
      SPOT_TAINT,
      {
        code: 'insufficient:cpu',
        message: 'Insufficient cpu: requests 6, free at most 1.2 of 1.93 allocatable',
        scope: 'nodes',
        nodes: 6,
      },
      {
        code: 'insufficient:cpu',
        message: 'Insufficient cpu: requests 6, free on a new node 1.8 of 1.93 allocatable',
        scope: 'new-node',
      },
    ],
    newNode: SPOT_NODE,
  }),
  verdict('ng-batch', {
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [BATCH_TAINT, BATCH_AT_MAX],
    newNode: BATCH_NODE,
  }),
];

const frontendVerdicts: PoolVerdict[] = [
  verdict('ng-general', { fitsNow: true, fitsAfterScaleUp: true, reasons: [], newNode: GENERAL_NODE }),
  verdict('ng-spot-arm', {
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [SPOT_TAINT],
    newNode: SPOT_NODE,
  }),
  verdict('ng-batch', {
    fitsNow: false,
    fitsAfterScaleUp: false,
    reasons: [BATCH_TAINT, BATCH_AT_MAX],
    newNode: BATCH_NODE,
  }),
];

export const API_SCHEDULER_MESSAGE =
  '0/11 nodes are available: 2 node(s) had untolerated taint {workload: batch}, 3 Insufficient cpu, 6 node(s) had untolerated taint {spot: true}. preemption: 0/11 nodes are available: 3 No preemption victims found for incoming pod, 8 Preemption is not helpful for scheduling.';

const apiPod = (name: string): PodTriage => ({
  namespace: 'payments',
  name,
  state: 'unscheduled',
  signature: 's1',
  schedulableNow: false,
  pools: apiVerdicts,
  fix: {
    kind: 'wait-for-scale-up',
    pool: 'ng-general',
    text: 'pool ng-general can add a node (m6i.xlarge) that takes it: the autoscaler should scale it up',
  },
  schedulerMessage: API_SCHEDULER_MESSAGE,
  schedulerSummary: {
    available: 0,
    total: 11,
    reasons: [
      { count: 2, text: 'node(s) had untolerated taint {workload: batch}' },
      { count: 3, text: 'Insufficient cpu' },
      { count: 6, text: 'node(s) had untolerated taint {spot: true}' },
    ],
    preemption:
      '0/11 nodes are available: 3 No preemption victims found for incoming pod, 8 Preemption is not helpful for scheduling.',
  },
});

export const IP_EXHAUSTION_MESSAGE =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "9c1e": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container';

const PROD_EXPANDED: ExpandedTriageReport = {
  cluster: CLUSTER,
  pods: [
    apiPod('api-7c9f8d6b5-2xk4p'),
    apiPod('api-7c9f8d6b5-9qwrt'),
    apiPod('api-7c9f8d6b5-lm3zc'),
    {
      namespace: 'ml',
      name: 'feature-builder-0',
      state: 'unscheduled',
      signature: 's2',
      schedulableNow: false,
      pools: builderVerdicts,
      fix: {
        kind: 'add-toleration',
        pool: 'ng-batch',
        tolerations: [
          { key: 'workload', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
        ],
        text: 'add the toleration for workload=batch:NoSchedule: pool ng-batch then takes it on its current nodes',
      },
    },
    {
      namespace: 'web',
      name: 'frontend-6f7d9-abcde',
      state: 'unscheduled',
      signature: 's3',
      schedulableNow: true,
      pools: frontendVerdicts,
      fix: {
        kind: 'remove-scheduling-gates',
        text: 'the scheduler does not consider it until its scheduling gates are removed: example.com/rollout-approval',
      },
      schedulerMessage: 'Scheduling is blocked due to non-empty scheduling gates',
      schedulerSummary: {
        reasons: [{ count: 0, text: 'Scheduling is blocked due to non-empty scheduling gates' }],
      },
      schedulingGates: ['example.com/rollout-approval'],
    },
    {
      namespace: 'payments',
      name: 'worker-5d8f7-x2x9k',
      state: 'ip-exhaustion',
      signature: 'placed',
      schedulableNow: true,
      pools: [
        verdict('ng-general', {
          fitsNow: false,
          fitsAfterScaleUp: false,
          reasons: [{ code: 'ip-exhaustion', message: IP_EXHAUSTION_MESSAGE, scope: 'nodes', nodes: 1 }],
        }),
      ],
      fix: {
        kind: 'ip-exhaustion',
        pool: 'ng-general',
        text: "node ip-10-0-12-34.ec2.internal got the pod but the CNI has no IP address left for it: enable prefix delegation on the VPC CNI, or give the node's subnet more free addresses",
      },
    },
  ],
  signatures: [
    { id: 's1', pods: 3, requests: { cpu: '1.5', memory: '2Gi' }, summary: [] },
    {
      id: 's2',
      pods: 1,
      requests: { cpu: '6', memory: '12Gi' },
      summary: ['nodeSelector kubernetes.io/arch=amd64'],
    },
    {
      id: 's3',
      pods: 1,
      requests: { cpu: '250m', memory: '256Mi' },
      summary: ['scheduling gates example.com/rollout-approval'],
    },
  ],
  pools: [
    {
      cluster: CLUSTER,
      pool: 'ng-general',
      provider: 'eks',
      ref: eksGeneral.ref,
      nodes: 3,
      pendingFitNow: 1,
      pendingFitAfterScaleUp: 4,
    },
    {
      cluster: CLUSTER,
      pool: 'ng-spot-arm',
      provider: 'eks',
      ref: eksSpotArm.ref,
      nodes: 6,
      pendingFitNow: 0,
      pendingFitAfterScaleUp: 0,
    },
    {
      cluster: CLUSTER,
      pool: 'ng-batch',
      provider: 'eks',
      ref: BATCH_REF,
      nodes: 2,
      pendingFitNow: 0,
      pendingFitAfterScaleUp: 0,
    },
  ],
  skipped: [
    {
      list: 'pods',
      index: 7,
      object: 'Pod payments/broken-1',
      field: 'spec.containers[0].resources.requests.memory',
      message: "invalid quantity '1 Gi': unknown suffix ' Gi'",
    },
  ],
  notes: ['pools without nodes are judged from the machine catalog: their allocatable resources are estimates'],
};

/** A GKE cluster whose only pending pod needs a pool nobody has. */
const TRAIN_EXPANDED: ExpandedTriageReport = {
  cluster: 'train-euw4',
  pods: [
    {
      namespace: 'research',
      name: 'llm-finetune-0',
      state: 'unscheduled',
      signature: 's1',
      schedulableNow: false,
      pools: [
        {
          cluster: 'train-euw4',
          pool: 'gpu-l4',
          provider: 'gke',
          ref: 'gke/ml-prod/europe-west4/train-euw4/gpu-l4',
          fitsNow: false,
          fitsAfterScaleUp: false,
          reasons: [
            {
              code: 'insufficient:nvidia.com/gpu',
              message: 'Insufficient nvidia.com/gpu: requests 8, free at most 1 of 1 allocatable',
              scope: 'nodes',
              nodes: 2,
            },
            {
              code: 'insufficient:nvidia.com/gpu',
              message: 'Insufficient nvidia.com/gpu: requests 8, free on a new node 1 of 1 allocatable',
              scope: 'new-node',
            },
          ],
          newNode: { machineType: 'g2-standard-8', source: 'catalog', estimated: true },
        },
      ],
      fix: {
        kind: 'new-pool',
        text: 'no existing pool can take it: request a new gke pool of a3-highgpu-8g (208 vCPU, 1872 GiB, amd64)',
        newPool: {
          provider: 'gke',
          machineType: 'a3-highgpu-8g',
          arch: 'amd64',
          os: 'linux',
          labels: { 'cloud.google.com/gke-accelerator': 'nvidia-h100-80gb' },
          taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
          zones: ['europe-west4-b'],
        },
      },
    },
  ],
  signatures: [
    {
      id: 's1',
      pods: 1,
      requests: { cpu: '32', memory: '256Gi', 'nvidia.com/gpu': '8' },
      summary: ['tolerates nvidia.com/gpu:NoSchedule'],
    },
  ],
  pools: [
    {
      cluster: 'train-euw4',
      pool: 'gpu-l4',
      provider: 'gke',
      ref: 'gke/ml-prod/europe-west4/train-euw4/gpu-l4',
      nodes: 2,
      pendingFitNow: 0,
      pendingFitAfterScaleUp: 0,
    },
  ],
  skipped: [],
  notes: [],
};

const EMPTY_EXPANDED: ExpandedTriageReport = {
  cluster: 'edge-nyc1',
  pods: [],
  signatures: [],
  pools: [],
  skipped: [],
  notes: [],
};

/* The reports as the API sends them: written above pod by pod, for reading, and compacted. */
export const PROD_REPORT: TriageReport = compactTriageReport(PROD_EXPANDED);
export const TRAIN_REPORT: TriageReport = compactTriageReport(TRAIN_EXPANDED);
export const EMPTY_REPORT: TriageReport = compactTriageReport(EMPTY_EXPANDED);

export const TRIAGES: ClusterTriageResponse[] = [
  {
    clusterRef: 'eks/111122223333/us-east-1/prod-use1',
    provider: 'eks',
    account: '111122223333',
    region: 'us-east-1',
    cluster: 'prod-use1',
    collectedAt: '2026-11-10T11:55:00.000Z',
    source: 'kubernetes',
    report: PROD_REPORT,
  },
  {
    clusterRef: 'gke/ml-train/europe-west4/train-euw4',
    provider: 'gke',
    account: 'ml-train',
    region: 'europe-west4',
    cluster: 'train-euw4',
    collectedAt: '2026-11-10T11:50:00.000Z',
    source: 'kubernetes',
    report: TRAIN_REPORT,
  },
  {
    clusterRef: 'kubernetes/-/-/edge-nyc1',
    provider: 'kubernetes',
    cluster: 'edge-nyc1',
    collectedAt: '2026-11-10T11:40:00.000Z',
    source: 'triage-files',
    report: EMPTY_REPORT,
  },
];

export const TRIAGE_CLUSTERS: TriageClusterSummary[] = [
  ...TRIAGES.map(({ report, ...summary }) => ({
    ...summary,
    pendingPods: report.pods.length,
  })),
  {
    clusterRef: 'aks/0a1b2c3d-1111-4222-8333-444455556666/westeurope/shop-weu',
    provider: 'aks',
    account: '0a1b2c3d-1111-4222-8333-444455556666',
    region: 'westeurope',
    cluster: 'shop-weu',
    source: 'kubernetes',
    pendingPods: 0,
    error: 'Forbidden: pods is forbidden: User "nodepools" cannot list resource "pods" at the cluster scope',
  },
];
