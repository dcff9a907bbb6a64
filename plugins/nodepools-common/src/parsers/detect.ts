import type { ImportIssue } from '../model/sources';
import type { IndexedItem } from './collect';
import { isPlainObject } from './fields';
import {
  ExportParseError,
  type ExportContext,
  type ExportFormat,
} from './types';

/** What `parseExport` accepts, for the message about a file it cannot place. */
export const SUPPORTED_EXPORTS = [
  'EKS: `aws eks describe-nodegroup` output ({"nodegroup": {...}}), a list of those or of bare nodegroups, or {"nodegroups": [{...}]}',
  'Karpenter / EKS Auto Mode: NodePool YAML (karpenter.sh/v1 or v1beta1), one or more documents or a List',
  'GKE: nodePools.list / nodePools.get bodies, or `gcloud container node-pools list --format=json`',
  'AKS: agentPools list / get bodies, or `az aks nodepool list|show -o json`',
  'DigitalOcean: node_pools list / node_pool get bodies, or `doctl kubernetes cluster node-pool list -o json`',
];

export interface DetectedExport {
  format: ExportFormat;
  /** The provider records, with their position in the file. */
  items: IndexedItem[];
  /**
   * True when the items are every pool of their cluster (a listing with no
   * further page), false for a single record or a partial page.
   */
  completeListing: boolean;
}

type RecordKind = 'eks' | 'karpenter' | 'gke' | 'aks-arm' | 'aks-cli' | 'doks';

type Issue = Omit<ImportIssue, 'file'>;

const AKS_POOL_ID = /\/agentpools\//i;

const KIND_NAMES: Record<RecordKind, string> = {
  eks: 'an EKS nodegroup',
  karpenter: 'a Kubernetes object',
  gke: 'a GKE node pool',
  'aks-arm': 'an AKS agent pool',
  'aks-cli': 'an AKS agent pool',
  doks: 'a DigitalOcean node pool',
};

const FORMAT_OF: Record<RecordKind, ExportFormat> = {
  eks: 'eks',
  karpenter: 'karpenter',
  gke: 'gke',
  'aks-arm': 'aks-arm',
  'aks-cli': 'aks-cli',
  doks: 'doks',
};

/** Throws the issues of an export that cannot be read, each with the file. */
export function fail(ctx: ExportContext, issues: Issue[]): never {
  throw new ExportParseError(
    issues.map(issue => ({
      ...(ctx.file !== undefined ? { file: ctx.file } : {}),
      ...issue,
    })),
  );
}

function unrecognized(ctx: ExportContext, what: string): never {
  return fail(ctx, [
    {
      message: `unrecognized export (${what}); supported formats: ${SUPPORTED_EXPORTS.join('; ')}`,
    },
  ]);
}

function isKubernetesObject(value: Record<string, unknown>): boolean {
  return typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

function looksLikeAksPool(value: Record<string, unknown>): boolean {
  return (
    'vmSize' in value ||
    (typeof value.id === 'string' && AKS_POOL_ID.test(value.id))
  );
}

function looksLikeGkePool(value: Record<string, unknown>): boolean {
  return (
    isPlainObject(value.config) ||
    'initialNodeCount' in value ||
    (typeof value.selfLink === 'string' && value.selfLink.includes('/nodePools/'))
  );
}

function looksLikeDoksPool(value: Record<string, unknown>): boolean {
  return (
    'auto_scale' in value ||
    'min_nodes' in value ||
    'max_nodes' in value ||
    ('size' in value && 'count' in value)
  );
}

/** Which provider record an object is, by the keys only that provider uses; undefined if none. */
function classify(
  value: unknown,
): { kind: RecordKind; record: unknown } | undefined {
  if (!isPlainObject(value)) return undefined;
  if (isPlainObject(value.nodegroup)) {
    return { kind: 'eks', record: value.nodegroup };
  }
  if ('nodegroupName' in value || 'nodegroupArn' in value) {
    return { kind: 'eks', record: value };
  }
  if (isKubernetesObject(value)) return { kind: 'karpenter', record: value };
  if (
    isPlainObject(value.properties) &&
    (looksLikeAksPool(value) || looksLikeAksPool(value.properties))
  ) {
    return { kind: 'aks-arm', record: value };
  }
  if (looksLikeAksPool(value)) return { kind: 'aks-cli', record: value };
  if (looksLikeGkePool(value)) return { kind: 'gke', record: value };
  if (looksLikeDoksPool(value)) return { kind: 'doks', record: value };
  return undefined;
}

/** The ARM and the flattened shapes of an AKS pool may sit in one list. */
function provider(kind: RecordKind): string {
  return kind === 'aks-arm' || kind === 'aks-cli' ? 'aks' : kind;
}

function kindOf(object: unknown): string {
  if (!isPlainObject(object) || typeof object.kind !== 'string') {
    return 'untyped object';
  }
  return typeof object.apiVersion === 'string'
    ? `${object.kind} (${object.apiVersion})`
    : object.kind;
}

function isKarpenterNodePool(object: unknown): boolean {
  return (
    isPlainObject(object) &&
    object.kind === 'NodePool' &&
    typeof object.apiVersion === 'string' &&
    object.apiVersion.startsWith('karpenter.sh/')
  );
}

/**
 * Kubernetes objects: NodePools of the karpenter.sh group are kept, anything
 * else (EC2NodeClass, Auto Mode's NodeClass...) is skipped; `kind: List`
 * objects are opened. Positions count every object, skipped ones included.
 */
function karpenterExport(
  objects: readonly unknown[],
  ctx: ExportContext,
): DetectedExport {
  const flat = objects.flatMap(object =>
    isPlainObject(object) &&
    typeof object.kind === 'string' &&
    object.kind.endsWith('List') &&
    Array.isArray(object.items)
      ? object.items
      : [object],
  );
  const items: IndexedItem[] = [];
  const otherKinds = new Set<string>();
  flat.forEach((object, index) => {
    if (isKarpenterNodePool(object)) items.push({ index, value: object });
    else otherKinds.add(kindOf(object));
  });
  if (!items.length) {
    const found = otherKinds.size
      ? `found only ${[...otherKinds].join(', ')}`
      : 'the list is empty';
    fail(ctx, [
      {
        message: `no Karpenter NodePool (karpenter.sh/v1) in the export: ${found}`,
      },
    ]);
  }
  return { format: 'karpenter', items, completeListing: false };
}

/** A list of records of one provider; every element must be the same kind as the first. */
function listExport(
  values: readonly unknown[],
  ctx: ExportContext,
): DetectedExport {
  if (!values.length) {
    unrecognized(ctx, 'an empty list says nothing about which cloud it comes from');
  }
  const first = classify(values[0]);
  if (!first) {
    unrecognized(ctx, 'item 0 is not a node pool record of a supported cloud');
  }
  if (first.kind === 'karpenter') return karpenterExport(values, ctx);
  const issues: Issue[] = [];
  const items = values.map((value, index): IndexedItem => {
    const found = classify(value);
    if (!found || provider(found.kind) !== provider(first.kind)) {
      const got = found ? KIND_NAMES[found.kind] : 'an unrecognized record';
      issues.push({
        index,
        message: `expected ${KIND_NAMES[first.kind]} like item 0, got ${got}`,
      });
    }
    return { index, value: found?.record ?? value };
  });
  if (issues.length) fail(ctx, issues);
  // CLI lists (`az aks nodepool list`...) page through every pool of the cluster themselves.
  return { format: FORMAT_OF[first.kind], items, completeListing: true };
}

function indexed(values: readonly unknown[]): IndexedItem[] {
  return values.map((value, index) => ({ index, value }));
}

/** The message of a cloud API's error body, if the value is one. */
export function errorResponseMessage(
  value: Record<string, unknown>,
): string | undefined {
  // ARM and Google: {"error": {"code", "message"}}; DigitalOcean: {"id", "message"}.
  if (isPlainObject(value.error) && typeof value.error.message === 'string') {
    return value.error.message;
  }
  if (
    typeof value.id === 'string' &&
    typeof value.message === 'string' &&
    Object.keys(value).length <= 3
  ) {
    return value.message;
  }
  return undefined;
}

/** `{"nodegroups": [...]}`: full records, or `aws eks list-nodegroups` names. */
function eksListExport(
  nodegroups: unknown[],
  ctx: ExportContext,
): DetectedExport {
  if (!nodegroups.length) {
    return { format: 'eks', items: [], completeListing: true };
  }
  if (nodegroups.every(entry => typeof entry === 'string')) {
    fail(ctx, [
      {
        message:
          'this is `aws eks list-nodegroups` output, which has names only: export each group with `aws eks describe-nodegroup` and import those',
      },
    ]);
  }
  return listExport(nodegroups, ctx);
}

/** An ARM list page: `nextLink` means more pages follow, so it is not the whole cluster. */
function aksListExport(value: Record<string, unknown>): DetectedExport {
  const list = value.value as unknown[];
  const flattened =
    list.length > 0 && isPlainObject(list[0]) && !('properties' in list[0]);
  const nextLink = value.nextLink;
  return {
    format: flattened ? 'aks-cli' : 'aks-arm',
    items: indexed(list),
    completeListing:
      nextLink === undefined || nextLink === null || nextLink === '',
  };
}

function objectExport(
  value: Record<string, unknown>,
  ctx: ExportContext,
): DetectedExport {
  if (isKubernetesObject(value)) return karpenterExport([value], ctx);
  if (Array.isArray(value.nodegroups)) {
    return eksListExport(value.nodegroups, ctx);
  }
  if (Array.isArray(value.nodePools)) {
    return {
      format: 'gke',
      items: indexed(value.nodePools),
      completeListing: true,
    };
  }
  if (Array.isArray(value.node_pools)) {
    return {
      format: 'doks',
      items: indexed(value.node_pools),
      completeListing: true,
    };
  }
  if (isPlainObject(value.node_pool)) {
    return {
      format: 'doks',
      items: indexed([value.node_pool]),
      completeListing: false,
    };
  }
  if (Array.isArray(value.value)) return aksListExport(value);
  const single = classify(value);
  if (single) {
    return {
      format: FORMAT_OF[single.kind],
      items: indexed([single.record]),
      completeListing: false,
    };
  }
  const apiError = errorResponseMessage(value);
  if (apiError !== undefined) {
    fail(ctx, [
      {
        message: `the export is an error response from the cloud API, not node pools: ${apiError}`,
      },
    ]);
  }
  const keys = Object.keys(value).slice(0, 8).join(', ') || '(none)';
  return unrecognized(ctx, `an object with keys ${keys}`);
}

/**
 * Places an export by its shape: which keys the records carry, whatever the
 * syntax (JSON, or YAML such as `-o yaml` outputs). Several YAML documents
 * that are not Kubernetes objects are read as a list (`gcloud --format=yaml`
 * prints one document per pool).
 */
export function detectExport(
  documents: readonly unknown[],
  ctx: ExportContext,
): DetectedExport {
  if (!documents.length) fail(ctx, [{ message: 'the export is empty' }]);
  if (documents.every(d => isPlainObject(d) && isKubernetesObject(d))) {
    return karpenterExport(documents, ctx);
  }
  const value = documents.length === 1 ? documents[0] : documents;
  if (Array.isArray(value)) return listExport(value, ctx);
  if (isPlainObject(value)) return objectExport(value, ctx);
  return unrecognized(ctx, `a ${typeof value} at the top level`);
}
