import type { V1Node, V1Taint } from '@kubernetes/client-node';
import type {
  CapacityType,
  ObservedNodes,
  ResourceAmounts,
  Taint,
  TaintEffect,
} from '@nodepools/plugin-nodepools-common';
import { isSystemNodeLabel, TAINT_EFFECTS } from '@nodepools/plugin-nodepools-common';
import { MarkCounter, type NodeMark } from './nodeMarks';
import { addAmounts, parseResourceList, type QuantityProblem } from './resources';

/**
 * What a pool's nodes say about the pool's own configuration, for pools
 * that exist only in the cluster. Multi-valued where nodes disagree.
 */
export interface ObservedNodeFacts {
  /** `kubernetes.io/os` values seen. */
  operatingSystems: string[];
  /** `kubernetes.io/arch` values seen. */
  architectures: string[];
  /** `node.kubernetes.io/instance-type` values seen. */
  instanceTypes: string[];
  /** Capacity type of each node, from whichever cloud label it has. */
  capacityTypes: CapacityType[];
  /** Nodes labelled `kubernetes.azure.com/mode=system`. */
  systemModeNodes: number;
  /** Taints every node of the pool has, node-lifecycle taints left out. */
  commonTaints: Taint[];
}

const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
const INSTANCE_TYPE_LABELS = [
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
];

/**
 * Taints the control plane, autoscalers and Karpenter put on and take off
 * nodes as they come and go; they say nothing about the pool.
 */
function isLifecycleTaint(key: string): boolean {
  return (
    key.startsWith('node.kubernetes.io/') ||
    key.startsWith('node.cloudprovider.kubernetes.io/') ||
    key === 'ToBeDeletedByClusterAutoscaler' ||
    key === 'DeletionCandidateOfClusterAutoscaler' ||
    key === 'karpenter.sh/disrupted' ||
    key === 'karpenter.sh/unregistered'
  );
}

/** A node no cloud label marks as spot runs on regular (on-demand) capacity. */
function capacityTypeOf(labels: Record<string, string>): CapacityType {
  const karpenter = labels['karpenter.sh/capacity-type'];
  if (karpenter === 'spot') return 'spot';
  if (karpenter === 'on-demand' || karpenter === 'reserved') return 'on-demand';
  const eks = labels['eks.amazonaws.com/capacityType'];
  if (eks === 'SPOT') return 'spot';
  if (eks === 'ON_DEMAND') return 'on-demand';
  if (eks === 'CAPACITY_BLOCK') return 'capacity-block';
  if (
    labels['cloud.google.com/gke-spot'] === 'true' ||
    labels['cloud.google.com/gke-preemptible'] === 'true'
  ) {
    return 'spot';
  }
  if (labels['kubernetes.azure.com/scalesetpriority'] === 'spot') return 'spot';
  return 'on-demand';
}

function toTaint(taint: V1Taint): Taint | undefined {
  if (!(TAINT_EFFECTS as readonly string[]).includes(taint.effect)) return undefined;
  return {
    key: taint.key,
    ...(taint.value ? { value: taint.value } : {}),
    effect: taint.effect as TaintEffect,
  };
}

const taintId = (t: Taint) => `${t.key}\u0000${t.value ?? ''}\u0000${t.effect}`;

const sorted = (values: Set<string>) => [...values].sort();

/**
 * Folds the nodes of one pool, one at a time, into its roll-up; the nodes
 * themselves are not kept.
 */
export class PoolAccumulator {
  readonly pool: string;
  readonly poolLabel: string;
  private nodeCount = 0;
  private readyCount = 0;
  private readonly kubeletVersions = new Set<string>();
  private readonly osImages = new Set<string>();
  private readonly zones = new Set<string>();
  private readonly operatingSystems = new Set<string>();
  private readonly architectures = new Set<string>();
  private readonly instanceTypes = new Set<string>();
  private readonly capacityTypes = new Set<CapacityType>();
  private systemModeNodes = 0;
  private commonTaints?: Map<string, Taint>;
  private readonly labelMarks = new MarkCounter();
  private readonly taintMarks = new MarkCounter();
  private readonly allocatable: ResourceAmounts = {};
  private requested: ResourceAmounts = {};

  constructor(pool: string, poolLabel: string) {
    this.pool = pool;
    this.poolLabel = poolLabel;
  }

  addNode(node: V1Node, problems: QuantityProblem[]): void {
    const labels = node.metadata?.labels ?? {};
    this.nodeCount += 1;
    const ready = node.status?.conditions?.find(c => c.type === 'Ready');
    if (ready?.status === 'True') this.readyCount += 1;

    const info = node.status?.nodeInfo;
    if (info?.kubeletVersion) this.kubeletVersions.add(info.kubeletVersion);
    if (info?.osImage) this.osImages.add(info.osImage);
    const zone = ZONE_LABELS.map(key => labels[key]).find(Boolean);
    if (zone) this.zones.add(zone);
    if (labels['kubernetes.io/os']) this.operatingSystems.add(labels['kubernetes.io/os']);
    if (labels['kubernetes.io/arch']) this.architectures.add(labels['kubernetes.io/arch']);
    const instanceType = INSTANCE_TYPE_LABELS.map(key => labels[key]).find(Boolean);
    if (instanceType) this.instanceTypes.add(instanceType);
    this.capacityTypes.add(capacityTypeOf(labels));
    if (labels['kubernetes.azure.com/mode'] === 'system') this.systemModeNodes += 1;

    const taints = new Map<string, Taint>();
    for (const raw of node.spec?.taints ?? []) {
      const taint = toTaint(raw);
      if (taint && !isLifecycleTaint(taint.key)) taints.set(taintId(taint), taint);
    }
    this.countMarks(node.metadata?.name ?? '', labels, taints);
    if (this.commonTaints === undefined) {
      this.commonTaints = taints;
    } else {
      for (const id of this.commonTaints.keys()) {
        if (!taints.has(id)) this.commonTaints.delete(id);
      }
    }

    addAmounts(
      this.allocatable,
      parseResourceList(node.status?.allocatable, 'status.allocatable', problems),
    );
  }

  /** The node's own labels (not those every node gets) and its taints, counted per pool. */
  private countMarks(node: string, labels: Record<string, string>, taints: ReadonlyMap<string, Taint>): void {
    const ownLabels = new Map<string, NodeMark>();
    for (const [key, value] of Object.entries(labels)) {
      if (!isSystemNodeLabel(key)) ownLabels.set(`${key}\u0000${value}`, { key, value });
    }
    this.labelMarks.addNode(node, ownLabels);
    this.taintMarks.addNode(node, taints as ReadonlyMap<string, NodeMark>);
  }

  addPodRequests(requests: ResourceAmounts): void {
    addAmounts(this.requested, requests);
  }

  /** Drops pod requests folded so far, when the pod listing starts over. */
  resetPodRequests(): void {
    this.requested = {};
  }

  observed(observedAt: string, controlPlaneVersion?: string): ObservedNodes {
    return {
      ...(controlPlaneVersion ? { controlPlaneVersion } : {}),
      labels: this.labelMarks.counts(),
      taints: this.taintMarks.counts(),
      nodeCount: this.nodeCount,
      readyCount: this.readyCount,
      kubeletVersions: sorted(this.kubeletVersions),
      osImages: sorted(this.osImages),
      zones: sorted(this.zones),
      allocatable: { ...this.allocatable },
      requested: { ...this.requested },
      observedAt,
    };
  }

  facts(): ObservedNodeFacts {
    return {
      operatingSystems: sorted(this.operatingSystems),
      architectures: sorted(this.architectures),
      instanceTypes: sorted(this.instanceTypes),
      capacityTypes: [...this.capacityTypes].sort(),
      systemModeNodes: this.systemModeNodes,
      commonTaints: [...(this.commonTaints?.values() ?? [])].sort((a, b) =>
        taintId(a).localeCompare(taintId(b)),
      ),
    };
  }
}
