import type { CapacityType, PoolMode, PoolRequirement, Taint } from '../model/pool';
import type { ImplicitTaint, NodeCapacityType, ProviderProfile, TaintCondition } from './types';

/**
 * The capacity-type labels a new node of a pool with this capacity type
 * gets. A capacity type the provider has no label value for (`mixed`)
 * falls back to the profile's fallback, else gets no label.
 */
export function capacityTypeLabels(profile: ProviderProfile, capacityType: CapacityType | NodeCapacityType): Record<string, string> {
  const labels = profile.nodeLabels.capacityType.filter(l => !l.readOnly);
  const label =
    labels.find(l => l.capacityType === capacityType) ??
    labels.find(l => l.capacityType === profile.nodeLabels.capacityTypeFallback);
  return label ? { [label.key]: label.value } : {};
}

/** The capacity type a node's labels tell, if the provider labels it. */
export function capacityTypeOfNode(profile: ProviderProfile, labels: Record<string, string>): NodeCapacityType | undefined {
  return profile.nodeLabels.capacityType.find(l => labels[l.key] === l.value)?.capacityType;
}

/** The label a provider puts on nodes to tell their pool's mode. */
export function modeLabels(profile: ProviderProfile, mode: PoolMode): Record<string, string> {
  const label = profile.nodeLabels.mode;
  return label ? { [label.key]: label.values[mode] } : {};
}

/** The labels naming the pool that a provider puts on each node it adds. */
export function poolNameLabels(profile: ProviderProfile, name: string): Record<string, string> {
  const labels: Record<string, string> = {};
  if (profile.nodeLabels.poolSetByProvider) for (const key of profile.nodeLabels.pool) labels[key] = name;
  return labels;
}

/** What an implicit taint's condition is checked against. */
export interface TaintContext {
  capacityType?: CapacityType | NodeCapacityType;
  gpus?: number;
  poolName: string;
  requirements?: readonly PoolRequirement[];
  clusterMode?: 'standard' | 'autopilot';
}

function holds(when: TaintCondition, context: TaintContext): boolean {
  if (when.capacityType !== undefined && context.capacityType !== when.capacityType) return false;
  if (when.gpu !== undefined && (context.gpus ?? 0) > 0 !== when.gpu) return false;
  if (when.poolName !== undefined && context.poolName !== when.poolName) return false;
  if (
    when.requirementKeyPrefix !== undefined &&
    !(context.requirements ?? []).some(r => r.key.startsWith(when.requirementKeyPrefix!))
  ) {
    return false;
  }
  return when.clusterMode === undefined || (context.clusterMode ?? 'standard') === when.clusterMode;
}

/** The taints the provider adds to a pool's nodes by itself in this context. */
export function implicitTaintsOf(profile: ProviderProfile, context: TaintContext): ImplicitTaint[] {
  return profile.implicitTaints.filter(t => holds(t.when, context));
}

/** A pool's own taints plus the implicit ones it does not already have. */
export function withImplicitTaints(profile: ProviderProfile, own: readonly Taint[], context: TaintContext): Taint[] {
  const taints = [...own];
  for (const { taint } of implicitTaintsOf(profile, context)) {
    if (!taints.some(t => t.key === taint.key)) taints.push(taint);
  }
  return taints;
}
