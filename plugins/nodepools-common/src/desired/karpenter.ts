import { isPlainObject } from '../parsers/fields';
import { parseKarpenterNodePool } from '../parsers/karpenter';
import { ItemFieldError, ItemFieldErrors } from '../parsers/types';
import { karpenterProfile } from '../providers/karpenter';
import type { PoolDraft } from './pool';
import type { DeclaredAttributes } from './types';

const REQUIREMENTS = 'spec.template.spec.requirements';

/** The model fields Karpenter derives from one well-known requirement key. */
const DERIVED_FROM: ReadonlyArray<[keyof DeclaredAttributes, string]> = [
  ['capacityType', 'karpenter.sh/capacity-type'],
  ['arch', 'kubernetes.io/arch'],
  ['os', 'kubernetes.io/os'],
  ['machineTypes', 'node.kubernetes.io/instance-type'],
  ['zones', 'topology.kubernetes.io/zone'],
];

/** Whether a Kubernetes object is a Karpenter NodePool (karpenter.sh/v1, v1beta1). */
export function isKarpenterNodePool(object: unknown): boolean {
  return (
    isPlainObject(object) &&
    object.kind === 'NodePool' &&
    typeof object.apiVersion === 'string' &&
    object.apiVersion.startsWith('karpenter.sh/')
  );
}

function at(object: unknown, path: string): unknown {
  let value = object;
  for (const key of path.split('.')) value = isPlainObject(value) ? value[key] : undefined;
  return value;
}

function requirementKeys(object: unknown): Set<string> {
  const requirements = at(object, REQUIREMENTS);
  return new Set(
    (Array.isArray(requirements) ? requirements : [])
      .map(r => (isPlainObject(r) ? r.key : undefined))
      .filter((key): key is string => typeof key === 'string'),
  );
}

export interface NodePoolPlace {
  account?: string;
  region?: string;
  cluster: string;
  address: string;
  resourceType: string;
}

/**
 * A NodePool as a manifest declares it, read by the same parser as the
 * cluster's NodePools so both sides normalize alike. The manifest is the
 * whole object, so what it writes is declared: its requirements (and the
 * capacity type, OS, architecture, instance types and zones Karpenter
 * derives from them), its template labels and taints, its limits, and its
 * own labels (the pool's tags). Throws ItemFieldError(s) for a bad field.
 */
export function desiredFromNodePool(object: unknown, place: NodePoolPlace): PoolDraft {
  const spec = parseKarpenterNodePool(object, {
    cluster: place.cluster || '-',
    account: place.account,
    region: place.region,
  });
  const keys = requirementKeys(object);
  const declared: DeclaredAttributes = { requirements: REQUIREMENTS };
  for (const [field, key] of DERIVED_FROM) {
    if (keys.has(key)) declared[field] = REQUIREMENTS;
  }
  if (at(object, 'spec.template.metadata.labels') !== undefined) declared.labels = 'spec.template.metadata.labels';
  if (at(object, 'spec.template.spec.taints') !== undefined) declared.taints = 'spec.template.spec.taints';
  if (at(object, 'spec.limits') !== undefined) declared.limits = 'spec.limits';
  if (at(object, 'metadata.labels') !== undefined) declared.tags = 'metadata.labels';
  const value = <K extends keyof DeclaredAttributes>(field: K) => (declared[field] ? spec[field] : undefined);
  return {
    provider: karpenterProfile.provider,
    account: place.account,
    region: place.region,
    cluster: place.cluster,
    name: spec.name,
    address: place.address,
    resourceType: place.resourceType,
    capacityType: value('capacityType'),
    arch: value('arch'),
    os: value('os'),
    machineTypes: value('machineTypes'),
    zones: value('zones'),
    labels: value('labels'),
    taints: value('taints'),
    requirements: spec.requirements ?? [],
    limits: value('limits'),
    tags: value('tags'),
    declared,
  };
}

/**
 * Runs a read whose field paths are relative to a manifest, placing them
 * under the attribute that holds it (`manifest.spec...`, `yaml_body.spec...`).
 */
export function underField<T>(prefix: string, read: () => T): T {
  const place = (error: ItemFieldError) =>
    new ItemFieldError(error.field ? `${prefix}.${error.field}` : prefix, error.message);
  try {
    return read();
  } catch (error) {
    if (error instanceof ItemFieldErrors) throw new ItemFieldErrors(error.problems.map(place));
    if (error instanceof ItemFieldError) throw place(error);
    throw error;
  }
}
