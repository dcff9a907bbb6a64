import type { DesiredPool } from '../../desired/types';
import { formatTaint, type Taint } from '../../model/pool';
import { mapDelta, requirementText, setDelta } from '../describe';
import { isCompared, isImplicitLabel, isImplicitTaint, type DriftSemantics } from '../semantics';
import type { ActualPool } from '../types';
import { compareMinor, formatMinor, parseKubeVersion } from '../versions';
import type { FieldChange } from './change';
import { compareScaling } from './scaling';

/** Equal as sets; runs for every field of every pool, so it allocates only for longer lists. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length <= 4 && b.length <= 4) {
    return a.every(v => b.includes(v)) && b.every(v => a.includes(v));
  }
  const left = new Set(a);
  const right = new Set(b);
  if (left.size !== right.size) return false;
  for (const v of left) if (!right.has(v)) return false;
  return true;
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!(k in b) || a[k] !== b[k]) return false;
  return true;
}

/** The labels without those the provider adds; the same object when there are none. */
export function ownLabels(labels: Record<string, string>, semantics: DriftSemantics): Record<string, string> {
  if (!semantics.implicitLabelKeys.length) return labels;
  const keys = Object.keys(labels);
  if (!keys.some(k => isImplicitLabel(semantics, k))) return labels;
  const own: Record<string, string> = {};
  for (const k of keys) if (!isImplicitLabel(semantics, k)) own[k] = labels[k];
  return own;
}

export function ownTaints(taints: readonly Taint[], semantics: DriftSemantics): readonly Taint[] {
  if (!semantics.implicitTaints.length || !taints.length) return taints;
  return taints.filter(t => !isImplicitTaint(semantics, t));
}

function pickKeys(map: Record<string, string> | undefined, keys: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  if (!map) return picked;
  for (const k of keys) if (map[k] !== undefined) picked[k] = map[k];
  return picked;
}

interface Context {
  desired: DesiredPool;
  actual: ActualPool;
  semantics: DriftSemantics;
  ownerTagKeys: readonly string[];
}

type Check = (c: Context) => FieldChange | undefined;

const checks: Check[] = [
  ({ desired, actual, semantics }) => {
    if (!desired.machineTypes || !actual.machineTypes.length) return undefined;
    const fold = (v: string) => (semantics.caseInsensitiveMachineTypes ? v.toLowerCase() : v);
    if (sameSet(desired.machineTypes.map(fold), actual.machineTypes.map(fold))) return undefined;
    return {
      field: 'machineTypes',
      desired: desired.machineTypes,
      actual: actual.machineTypes,
      message: `machine types ${setDelta(desired.machineTypes, actual.machineTypes)}`,
    };
  },
  ({ desired, actual, semantics }) => {
    if (!desired.labels) return undefined;
    const want = ownLabels(desired.labels, semantics);
    const have = ownLabels(actual.labels, semantics);
    if (sameMap(want, have)) return undefined;
    return { field: 'labels', desired: want, actual: have, message: `labels: ${mapDelta(want, have)}` };
  },
  ({ desired, actual, semantics }) => {
    if (!desired.taints) return undefined;
    const want = ownTaints(desired.taints, semantics);
    const have = ownTaints(actual.taints, semantics);
    if (sameSet(want.map(formatTaint), have.map(formatTaint))) return undefined;
    return {
      field: 'taints',
      desired: want,
      actual: have,
      message: `taints: ${setDelta(want.map(formatTaint), have.map(formatTaint))}`,
    };
  },
  ({ desired, actual }) =>
    desired.mode && desired.mode !== actual.mode
      ? { field: 'mode', desired: desired.mode, actual: actual.mode, message: `mode is ${actual.mode}, declared ${desired.mode}` }
      : undefined,
  ({ desired, actual }) =>
    desired.capacityType && desired.capacityType !== actual.capacityType
      ? {
          field: 'capacityType',
          desired: desired.capacityType,
          actual: actual.capacityType,
          message: `capacity type is ${actual.capacityType}, declared ${desired.capacityType}`,
        }
      : undefined,
  ({ desired, actual }) =>
    desired.os && desired.os !== actual.os
      ? { field: 'os', desired: desired.os, actual: actual.os, message: `OS is ${actual.os}, declared ${desired.os}` }
      : undefined,
  ({ desired, actual }) =>
    desired.arch && actual.arch && desired.arch !== actual.arch
      ? { field: 'arch', desired: desired.arch, actual: actual.arch, message: `architecture is ${actual.arch}, declared ${desired.arch}` }
      : undefined,
  ({ desired, actual }) => {
    // Minors only: `1.31` declares any 1.31 patch, and clouds patch on their own.
    const want = parseKubeVersion(desired.kubernetesVersion);
    const have = parseKubeVersion(actual.kubernetesVersion);
    if (!want || !have) return undefined;
    const order = compareMinor(have, want);
    if (order === 0 || (order > 0 && desired.autoUpgrade)) return undefined;
    return {
      field: 'kubernetesVersion',
      desired: desired.kubernetesVersion,
      actual: actual.kubernetesVersion,
      message: `Kubernetes ${formatMinor(have)} runs, declared ${formatMinor(want)}`,
    };
  },
  ({ desired, actual }) => {
    if (!desired.zones || !actual.zones.length || sameSet(desired.zones, actual.zones)) return undefined;
    return { field: 'zones', desired: desired.zones, actual: actual.zones, message: `zones ${setDelta(desired.zones, actual.zones)}` };
  },
  ({ desired, actual, ownerTagKeys }) => {
    if (!desired.tags) return undefined;
    const want = pickKeys(desired.tags, ownerTagKeys);
    const have = pickKeys(actual.tags, ownerTagKeys);
    if (sameMap(want, have)) return undefined;
    return { field: 'tags', desired: want, actual: have, message: `owner tags: ${mapDelta(want, have)}` };
  },
  ({ desired, actual }) => {
    if (!desired.requirements || !actual.requirements) return undefined;
    const want = desired.requirements.map(requirementText);
    const have = actual.requirements.map(requirementText);
    if (sameSet(want, have)) return undefined;
    return {
      field: 'requirements',
      desired: desired.requirements,
      actual: actual.requirements,
      message: `requirements ${setDelta(want, have)}`,
    };
  },
  ({ desired, actual }) => {
    if (!desired.limits) return undefined;
    const have = actual.limits ?? {};
    if (sameMap(desired.limits, have)) return undefined;
    return { field: 'limits', desired: desired.limits, actual: have, message: `limits: ${mapDelta(desired.limits, have)}` };
  },
  ({ desired, actual }) =>
    desired.maxPodsPerNode !== undefined && actual.maxPodsPerNode !== undefined && desired.maxPodsPerNode !== actual.maxPodsPerNode
      ? {
          field: 'maxPodsPerNode',
          desired: desired.maxPodsPerNode,
          actual: actual.maxPodsPerNode,
          message: `max pods per node is ${actual.maxPodsPerNode}, declared ${desired.maxPodsPerNode}`,
        }
      : undefined,
  ({ desired, actual }) =>
    desired.diskSizeGb !== undefined && actual.diskSizeGb !== undefined && desired.diskSizeGb !== actual.diskSizeGb
      ? {
          field: 'diskSizeGb',
          desired: desired.diskSizeGb,
          actual: actual.diskSizeGb,
          message: `disk is ${actual.diskSizeGb} GB, declared ${desired.diskSizeGb} GB`,
        }
      : undefined,
];

/**
 * Every declared field that differs from the cloud pool, with the cloud's
 * semantics: provider-added taints and labels are left out, versions compare
 * by minor, only owner tags are compared, and Karpenter's derived fields
 * through its requirements. A field the IaC does not declare is never drift.
 */
export function compareFields(
  desired: DesiredPool,
  actual: ActualPool,
  semantics: DriftSemantics,
  ownerTagKeys: readonly string[],
): FieldChange[] {
  const context: Context = { desired, actual, semantics, ownerTagKeys };
  const changes = checks
    .map(check => check(context))
    .filter((c): c is FieldChange => c !== undefined)
    .filter(c => desired.declared[c.field] !== undefined)
    .filter(c => isCompared(semantics, c.field));
  return [...compareScaling(desired, actual, semantics), ...changes];
}
