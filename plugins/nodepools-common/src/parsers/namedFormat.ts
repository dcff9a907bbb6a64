import type { IndexedItem } from './collect';
import { errorResponseMessage, fail, type DetectedExport } from './detect';
import { describeValue, isPlainObject } from './fields';
import type { ExportContext, ExportFormat } from './types';

/** Where each format's exports put their records, besides a bare list or record. */
interface Shape {
  /** Keys of a list body (`{"nodePools": [...]}`). */
  listKey?: string;
  /** Key of a body that wraps one record (`{"nodegroup": {...}}`), also inside lists. */
  wrapperKey?: string;
  /** Key that, when set, says more pages follow (the list is not the whole cluster). */
  nextPageKey?: string;
}

const SHAPES: Record<Exclude<ExportFormat, 'karpenter'>, Shape> = {
  eks: { listKey: 'nodegroups', wrapperKey: 'nodegroup' },
  gke: { listKey: 'nodePools' },
  'aks-arm': { listKey: 'value', nextPageKey: 'nextLink' },
  'aks-cli': { listKey: 'value', nextPageKey: 'nextLink' },
  doks: { listKey: 'node_pools', wrapperKey: 'node_pool' },
};

function unwrap(value: unknown, shape: Shape): unknown {
  return shape.wrapperKey &&
    isPlainObject(value) &&
    isPlainObject(value[shape.wrapperKey])
    ? value[shape.wrapperKey]
    : value;
}

function indexed(values: readonly unknown[], shape: Shape): IndexedItem[] {
  return values.map((value, index) => ({ index, value: unwrap(value, shape) }));
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Kubernetes objects, `kind: List`s opened: NodePools and objects that do not
 * say their kind (a projection of `kubectl get nodepools -o json`) are kept,
 * other kinds (NodeClasses) skipped. Positions count every object.
 */
function karpenterItems(documents: readonly unknown[]): IndexedItem[] {
  const values = documents.length === 1 && Array.isArray(documents[0])
    ? documents[0]
    : documents;
  return values
    .flatMap(object =>
      isPlainObject(object) && Array.isArray(object.items) ? object.items : [object],
    )
    .map((value, index) => ({ index, value }))
    .filter(
      ({ value }) =>
        !isPlainObject(value) ||
        value.kind === undefined ||
        value.kind === 'NodePool',
    );
}

/**
 * The records of an export whose format the user named, for shapes detection
 * cannot place (a `--query` projection that keeps only some fields): a bare
 * list or record, the format's list body or a wrapped record. Every record is
 * then read by the format's parser, which needs only the identifying fields.
 */
export function namedFormatExport(
  documents: readonly unknown[],
  format: ExportFormat,
  ctx: ExportContext,
): DetectedExport {
  if (format === 'karpenter') {
    const items = karpenterItems(documents);
    if (!items.length) {
      fail(ctx, [{ message: 'no Karpenter NodePool in the export' }]);
    }
    return { format, items, completeListing: false };
  }
  const shape = SHAPES[format];
  const value = documents.length === 1 ? documents[0] : documents;
  if (Array.isArray(value)) {
    return { format, items: indexed(value, shape), completeListing: true };
  }
  if (!isPlainObject(value)) {
    return fail(ctx, [
      {
        message: `a ${format} export holds node pool records or a list of them, got ${describeValue(value)}`,
      },
    ]);
  }
  const list = shape.listKey ? value[shape.listKey] : undefined;
  if (Array.isArray(list)) {
    const morePages = shape.nextPageKey && hasValue(value[shape.nextPageKey]);
    return { format, items: indexed(list, shape), completeListing: !morePages };
  }
  const apiError = errorResponseMessage(value);
  if (apiError !== undefined) {
    fail(ctx, [
      {
        message: `the export is an error response from the cloud API, not node pools: ${apiError}`,
      },
    ]);
  }
  return {
    format,
    items: indexed([value], shape),
    completeListing: false,
  };
}
