import type { DesiredPool } from '../../desired/types';
import { isCompared, type DriftSemantics } from '../semantics';
import type { ActualPool, DriftCause, DriftField } from '../types';
import {
  allowedKubeletSkew,
  compareMinor,
  compareVersions,
  formatMinor,
  parseKubeVersion,
  type KubeVersion,
} from '../versions';
import { compareNodeMarks } from './nodeMarks';
import { declaredCount, effectiveRange } from './scaling';

/** Something the pool's nodes show that neither the cloud's pool record nor the IaC says. */
export interface NodeDrift {
  field: DriftField;
  cause: DriftCause;
  desired?: unknown;
  actual?: unknown;
  message: string;
}

export interface ControlPlane {
  version: string;
  source?: string;
}

function nodeCount(actual: ActualPool, desired: DesiredPool | undefined, semantics: DriftSemantics): NodeDrift | undefined {
  const count = actual.observed!.nodeCount;
  if (!semantics.nodeBounds) return undefined;
  const range = effectiveRange(desired, actual, semantics);
  if (range) {
    if (count >= range.min && count <= range.max) return undefined;
    return {
      field: 'nodes.count',
      cause: 'node-count',
      desired: range,
      actual: count,
      message: `${count} node${count === 1 ? '' : 's'} outside the autoscaler range ${range.min}..${range.max}`,
    };
  }
  const expected = (desired && declaredCount(desired, actual)) ?? (isCompared(semantics, 'nodeCount') ? actual.nodeCount : undefined);
  if (expected === undefined || expected === count) return undefined;
  return {
    field: 'nodes.count',
    cause: 'node-count',
    desired: expected,
    actual: count,
    message: `${count} node${count === 1 ? '' : 's'} in a fixed pool of ${expected}`,
  };
}

function kubelets(actual: ActualPool): Kubelets {
  return actual.observed!.kubeletVersions
    .map(text => ({ text, version: parseKubeVersion(text) }))
    .filter((k): k is { text: string; version: KubeVersion } => k.version !== undefined);
}

type Kubelets = Array<{ text: string; version: KubeVersion }>;

function versionSkew(running: Kubelets, semantics: DriftSemantics, controlPlane: ControlPlane | undefined): NodeDrift | undefined {
  const cp = parseKubeVersion(controlPlane?.version);
  if (!cp) return undefined;
  const allowed = allowedKubeletSkew(cp, semantics.kubeletSkew);
  const newer = running.filter(k => compareMinor(k.version, cp) > 0);
  const older = running.filter(k => compareMinor(cp, k.version) > allowed);
  if (!newer.length && !older.length) return undefined;
  const parts = [
    newer.length ? `kubelet ${newer.map(k => k.text).join(', ')} newer than the control plane ${formatMinor(cp)}` : '',
    older.length ? `kubelet ${older.map(k => k.text).join(', ')} more than ${allowed} minors older than the control plane ${formatMinor(cp)}` : '',
  ].filter(Boolean);
  return {
    field: 'nodes.kubeletVersion',
    cause: 'version-skew',
    desired: controlPlane!.version,
    actual: [...newer, ...older].map(k => k.text),
    message: parts.join('; '),
  };
}

/** The pool's version, with its patch from an EKS AMI release (`1.29.0-20240129`) when the version is a minor alias. */
function poolVersion(actual: ActualPool): KubeVersion | undefined {
  const version = parseKubeVersion(actual.kubernetesVersion);
  const release = parseKubeVersion(actual.nodeImageVersion);
  if (version && version.patch === undefined && release?.patch !== undefined && compareMinor(release, version) === 0) {
    return release;
  }
  return version;
}

function staleImages(actual: ActualPool, running: Kubelets): NodeDrift[] {
  const drifts: NodeDrift[] = [];
  const pool = poolVersion(actual);
  const behind = pool ? running.filter(k => compareVersions(k.version, pool) < 0) : [];
  if (pool && behind.length) {
    drifts.push({
      field: 'nodes.kubeletVersion',
      cause: 'node-image',
      desired: actual.kubernetesVersion,
      actual: behind.map(k => k.text),
      message: `nodes run kubelet ${behind.map(k => k.text).join(', ')}, older than the pool's ${actual.kubernetesVersion}`,
    });
  }
  const images = actual.observed!.osImages;
  if (images.length > 1) {
    drifts.push({
      field: 'nodes.osImage',
      cause: 'node-image',
      actual: images,
      message: `nodes run ${images.length} different OS images: ${images.join(', ')}`,
    });
  }
  return drifts;
}

function zones(actual: ActualPool, desired: DesiredPool | undefined, semantics: DriftSemantics): NodeDrift | undefined {
  const declared = desired?.zones && desired.declared.zones ? desired.zones : actual.zones;
  const seen = actual.observed!.zones;
  if (!declared.length || !seen.length) return undefined;
  const inside = (zone: string) =>
    declared.some(d => zone === d || (semantics.numberedZones && zone.endsWith(`-${d}`)));
  const outside = seen.filter(z => !inside(z));
  if (!outside.length) return undefined;
  return {
    field: 'nodes.zones',
    cause: 'node-zones',
    desired: declared,
    actual: seen,
    message: `nodes in ${outside.join(', ')}, outside the pool's zones ${declared.join(', ')}`,
  };
}

/**
 * What the nodes show, from the pool's observed roll-up: a node count
 * outside the autoscaler range (or off a fixed size), kubelets outside the
 * version skew policy against the control plane, nodes behind the pool's
 * version or on mixed images, nodes in undeclared zones, nodes lacking or
 * carrying labels and taints their pool does not. None without a roll-up.
 */
export function compareNodes(
  actual: ActualPool,
  desired: DesiredPool | undefined,
  semantics: DriftSemantics,
  controlPlane: ControlPlane | undefined,
): NodeDrift[] {
  if (!actual.observed) return [];
  const running = kubelets(actual);
  return [
    nodeCount(actual, desired, semantics),
    versionSkew(running, semantics, controlPlane),
    ...staleImages(actual, running),
    zones(actual, desired, semantics),
    ...compareNodeMarks(actual, semantics),
  ].filter((d): d is NodeDrift => d !== undefined);
}
