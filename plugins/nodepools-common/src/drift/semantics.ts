import type { DesiredField } from '../desired/types';
import type { Taint } from '../model/pool';

/**
 * What the comparison must know about one provider to tell drift from the
 * provider's own doing. Passed in per provider (see `DriftOptions.semantics`)
 * so it can come from elsewhere; the default is the provider profile's
 * `iac.drift` (see `./defaultSemantics`).
 */
export interface DriftSemantics {
  /**
   * Taints the cloud puts on pools or nodes by itself (Spot, GPU, Windows
   * pools). Never drift; a taint without `value` matches any value.
   */
  implicitTaints: readonly Taint[];
  /** Label keys the cloud or its tools add by themselves; a key ending in `/` is a prefix. */
  implicitLabelKeys: readonly string[];
  /** The pool's autoscaler has an on/off switch (GKE, AKS, DOKS); EKS only has min/max. */
  autoscalerSwitch: boolean;
  /** The pool has node count bounds at all (Karpenter NodePools have resource limits instead). */
  nodeBounds: boolean;
  /**
   * Fields the cloud's pool record cannot tell, so never compared: GKE's API
   * has only the initial node count; pools known only from their nodes have
   * no labels of their own and no capacity type label; Karpenter derives
   * capacity type, OS, architecture, instance types and zones from its
   * requirements, which are compared instead.
   */
  uncompared: readonly DesiredField[];
  /** Zones on the pool record are numbers within the region (`1`, AKS), matched to node zones `<region>-1`. */
  numberedZones: boolean;
  /** Machine type names compare without case (Azure VM sizes). */
  caseInsensitiveMachineTypes: boolean;
  /** Pools carrying all these tags are created and kept by the cloud itself (EKS Auto Mode's built-in pools). */
  managedPoolTags: Readonly<Record<string, string>>;
  /** Name prefixes of pools the cloud's autoscaler creates (GKE node auto-provisioning). */
  autoCreatedNamePrefixes: readonly string[];
  /** How many minor versions a kubelet may be older than its control plane. */
  kubeletSkew: number;
}

/** Kubernetes' version skew policy since 1.28: kubelets up to three minors older, never newer. */
const KUBELET_SKEW = 3;

/** What holds for a provider unless its profile says otherwise. */
export const BASE_DRIFT_SEMANTICS: DriftSemantics = {
  implicitTaints: [],
  implicitLabelKeys: [],
  autoscalerSwitch: true,
  nodeBounds: true,
  uncompared: [],
  numberedZones: false,
  caseInsensitiveMachineTypes: false,
  managedPoolTags: {},
  autoCreatedNamePrefixes: [],
  kubeletSkew: KUBELET_SKEW,
};

/** Whether the comparison may look at a field of this provider's pools. */
export function isCompared(semantics: DriftSemantics, field: DesiredField): boolean {
  return !semantics.uncompared.includes(field);
}

/** Whether a taint is one the provider adds by itself. */
export function isImplicitTaint(semantics: DriftSemantics, t: Taint): boolean {
  return semantics.implicitTaints.some(
    i => i.key === t.key && i.effect === t.effect && (i.value === undefined || i.value === (t.value ?? '')),
  );
}

/** Whether a label key is one the provider or its tools add by themselves. */
export function isImplicitLabel(semantics: DriftSemantics, key: string): boolean {
  return semantics.implicitLabelKeys.some(k => (k.endsWith('/') ? key.startsWith(k) : key === k));
}
