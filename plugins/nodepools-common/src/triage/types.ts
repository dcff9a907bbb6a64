import type { MachineCatalog } from '../machines/catalog';
import type { NodePool, PoolSpec, Provider, Taint } from '../model/pool';
import type { Toleration } from './kube';
import type { TriageLimits } from './limits';

/** Why a pool cannot take a pod. `insufficient:<resource>` names the resource. */
export const REASON_CODES = [
  'node-name',
  'unschedulable',
  'taint',
  'node-affinity',
  'ports',
  'pod-affinity',
  'pod-anti-affinity',
  'topology-spread',
  'volume-zone',
  'max-size',
  'ip-exhaustion',
] as const;
export type FixedReasonCode = (typeof REASON_CODES)[number];
export type ReasonCode = FixedReasonCode | `insufficient:${string}`;

/** One blocker found by one check. */
export interface CheckReason {
  code: ReasonCode;
  message: string;
}

/**
 * Where a blocker was found: on the pool's existing nodes, on the new node a
 * scale-up would add, or on both.
 */
export type ReasonScope = 'nodes' | 'new-node' | 'pool';

export interface TriageReason extends CheckReason {
  scope: ReasonScope;
  /** How many existing nodes of the pool had this blocker. */
  nodes?: number;
}

/** The node a scale-up answer is about. */
export interface NewNodeInfo {
  machineType?: string;
  source: 'node' | 'catalog' | 'unknown';
  estimated: boolean;
}

/** One pool's verdict on one pod, as the expanded (per-pod) report writes it. */
export interface PoolVerdict {
  cluster: string;
  pool: string;
  provider: Provider;
  ref: string;
  /** Some existing node of the pool has room for the pod and passes every check. */
  fitsNow: boolean;
  /** A node the pool's autoscaler would add passes every check. */
  fitsAfterScaleUp: boolean;
  /** Every blocker found on the pool; empty when it fits now. */
  reasons: TriageReason[];
  /** The new node the scale-up answer is about, when the pool has a template. */
  newNode?: NewNodeInfo;
  /**
   * `false` when the analysis gave this pool the quick verdict only: the
   * flags hold, `reasons` is empty because they were not worked out (see
   * `SignatureTriage.verdicts`). Absent when the reasons are complete.
   */
  explained?: false;
}

export const FIX_KINDS = [
  'none',
  'remove-scheduling-gates',
  'wait-for-scale-up',
  'add-toleration',
  'target-pool',
  'lower-request',
  'raise-max',
  'enable-prefix-delegation',
  'new-pool',
  'recreate-pod',
  'ip-exhaustion',
] as const;
export type FixKind = (typeof FIX_KINDS)[number];

/** A pool spec that would take the pod, ready to prefill a pool request. */
export interface SuggestedPool {
  provider?: Provider;
  machineType?: string;
  arch?: string;
  os?: string;
  labels: Record<string, string>;
  taints: Taint[];
  zones: string[];
}

/** The smallest change that lets the pod schedule, with the details a form would need. */
export interface TriageFix {
  kind: FixKind;
  text: string;
  pool?: string;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  request?: { resource: string; from: string; to: string };
  max?: { from: number; to: number; field: 'max' | string };
  newPool?: SuggestedPool;
}

/** A parsed kube-scheduler message such as `0/40 nodes are available: 12 Insufficient memory, ...`. */
export interface SchedulerMessageSummary {
  available?: number;
  total?: number;
  reasons: Array<{ count: number; text: string }>;
  preemption?: string;
}

export type PodTriageState = 'unscheduled' | 'ip-exhaustion' | 'missing-node';

/** One pod with every pool's verdict, as `expandTriageReport` and `nodepools triage --json` write it. */
export interface PodTriage {
  namespace: string;
  name: string;
  /** `unscheduled`: no node yet; `ip-exhaustion`: placed, but its sandbox gets no IP; `missing-node`: bound to a node that does not exist. */
  state: PodTriageState;
  /** Id of the scheduling signature group the pod belongs to. */
  signature: string;
  schedulableNow: boolean;
  /** Every pool's verdict (the same list for every pod of a signature). */
  pools: PoolVerdict[];
  fix: TriageFix;
  schedulerMessage?: string;
  schedulerSummary?: SchedulerMessageSummary;
  schedulingGates?: string[];
}

/** Pods with the same scheduling needs, evaluated once. */
export interface SignatureGroup {
  id: string;
  pods: number;
  /** Requests in Kubernetes notation (`cpu: 500m`). */
  requests: Record<string, string>;
  /** A short human description of what sets the pods apart: selectors, tolerations, spread. */
  summary: string[];
}

/** Per pool: how many of the pending pods fit there now and after a scale-up. */
export interface PoolTriageSummary {
  cluster: string;
  pool: string;
  provider: Provider;
  ref: string;
  nodes: number;
  pendingFitNow: number;
  pendingFitAfterScaleUp: number;
}

/** A bad item of the input that was left out; the rest was analyzed. */
export interface SkippedItem {
  /** `pods`, `nodes`, `events`, `pools`... */
  list: string;
  index?: number;
  /** The object as a person would name it: `Pod default/web-1`, `pods item 3`. */
  object: string;
  /** Dotted path of the offending field. */
  field: string;
  message: string;
}

/**
 * The version of the compact report's shape. Format 2 had a verdict with
 * reasons for every pool of every signature; reports without a format are
 * the per-pod shape. `readTriageReport` reads all three.
 */
export const TRIAGE_REPORT_FORMAT = 3;

/**
 * A signature's quick verdict on one pool, one character of
 * `SignatureTriage.fits`: two bits, fits now (2) and fits after a
 * scale-up (1).
 */
export type FitDigit = '0' | '1' | '2' | '3';

/** One pool's verdict on one signature with its reasons, in the compact report. */
export interface SignatureVerdict {
  /** Position of the pool in the report's `pools`. */
  pool: number;
  fitsNow: boolean;
  fitsAfterScaleUp: boolean;
  /** Positions in the report's `reasons`; empty when the pool fits now. */
  reasons: number[];
  newNode?: NewNodeInfo;
}

/** A signature with what is the same for all its pods: every pool's verdict, once. */
export interface SignatureTriage extends SignatureGroup {
  schedulableNow: boolean;
  fix: TriageFix;
  /**
   * Every pool's quick verdict, one `FitDigit` per entry of the report's
   * `pools`, in the same order: `fits[i]` is '3' when pool i takes the
   * pods now and after a scale-up, '2' now only, '1' after a scale-up
   * only, '0' not at all.
   */
  fits: string;
  /**
   * The verdicts with their reasons, in pool order. Every pool's, unless
   * the analysis had a budget of explained verdicts
   * (`TriageLimits.maxExplained`) that signatures x pools passed; then
   * each signature's share, given first to the pools that take the pods
   * (now, after a scale-up, or on a new node the pool may not add), then
   * the fix's pool, then the pools only short of resources. The others have
   * their quick verdict in `fits` only.
   */
  verdicts: SignatureVerdict[];
}

/** A placed pod's own verdict: the pool of its node and what holds it there. */
export interface PlacedPodVerdict {
  /** Position in the report's `pools`. */
  pool: number;
  /** Positions in the report's `reasons`. */
  reasons: number[];
}

/** One pod of the compact report: it refers to its signature for the verdicts and the fix. */
export interface TriagePod {
  namespace: string;
  name: string;
  state: PodTriageState;
  /** Id of its entry in `signatures`; `placed` for pods a node was assigned to. */
  signature: string;
  schedulerMessage?: string;
  schedulingGates?: string[];
  /** Placed pods only: their own fix (pods of a signature share the signature's). */
  fix?: TriageFix;
  /** Placed pods only: the verdict of their node's pool. */
  placed?: PlacedPodVerdict;
}

/**
 * The triage of one cluster, compact: each pod refers to its signature and
 * each signature's verdicts are written once, so the size grows with pods +
 * signatures x pools, not pods x pools. `expandTriageReport` gives the
 * per-pod shape.
 */
export interface TriageReport {
  format: typeof TRIAGE_REPORT_FORMAT;
  cluster: string;
  pools: PoolTriageSummary[];
  signatures: SignatureTriage[];
  /** Every distinct blocker, referred to by position from verdicts. */
  reasons: TriageReason[];
  pods: TriagePod[];
  skipped: SkippedItem[];
  /** Caveats that apply to the whole report, e.g. machine types missing from the catalog. */
  notes: string[];
}

/** The per-pod shape (format 1): every pod with every pool's verdict. */
export interface ExpandedTriageReport {
  cluster: string;
  pods: PodTriage[];
  signatures: SignatureGroup[];
  pools: PoolTriageSummary[];
  skipped: SkippedItem[];
  notes: string[];
}

export interface TriageInput {
  /** Name of the cluster the pods and nodes come from; pools of other clusters are ignored. */
  cluster?: string;
  /** `kubectl get pods -A -o json` (a List), or an array of pods. */
  pods: unknown;
  /** `kubectl get nodes -o json`. */
  nodes: unknown;
  /** `kubectl get events -A -o json`: FailedScheduling and sandbox (IP) failures are read. */
  events?: unknown;
  /** Pool definitions from the inventory or from parsed cloud exports. */
  pools?: ReadonlyArray<PoolSpec | NodePool>;
  /** `kubectl get pv -o json` and `kubectl get pvc -A -o json`, for volume zones. */
  persistentVolumes?: unknown;
  persistentVolumeClaims?: unknown;
  /** `kubectl get namespaces -o json`, for namespace selectors of affinity terms. */
  namespaces?: unknown;
}

export interface TriageOptions {
  /** Machine types for pools without nodes; defaults to the bundled catalog. */
  catalog?: MachineCatalog;
  /** EKS pools already run the VPC CNI with prefix delegation. */
  prefixDelegation?: boolean;
  /** Inputs past these are refused with TriageLimitError. */
  limits?: TriageLimits;
}
