import { isPlainObject } from '../parsers/fields';
import { ItemFieldError, ItemFieldErrors } from '../parsers/types';
import { desiredFromNodePool, isKarpenterNodePool } from './karpenter';
import { applyContext, finishPool, type Identity } from './pool';
import { DesiredReadError, type DesiredContext, type DesiredIssue, type DesiredPool, type DesiredRead } from './types';

interface PlacedObject {
  address: string;
  object: unknown;
}

/** Every object of the file, `kind: List` objects opened, each with its document (and item) position. */
function objectsOf(documents: readonly unknown[]): PlacedObject[] {
  return documents.flatMap((document, index) =>
    isPlainObject(document) && typeof document.kind === 'string' && document.kind.endsWith('List') && Array.isArray(document.items)
      ? document.items.map((object, item) => ({ address: `documents[${index}].items[${item}]`, object }))
      : [{ address: `documents[${index}]`, object: document }],
  );
}

function kindOf(object: unknown): string {
  return isPlainObject(object) && typeof object.kind === 'string' ? object.kind : 'untyped object';
}

/**
 * The Karpenter NodePools of GitOps manifests: plain YAML, several
 * documents, `kind: List`, or `kustomize build` output. Other kinds
 * (EC2NodeClass, Deployments...) are skipped. A NodePool does not name its
 * cluster: the context must. Throws DesiredReadError naming the document
 * and field of every problem.
 */
export function readManifests(documents: readonly unknown[], ctx: DesiredContext): DesiredRead {
  const identity = applyContext<Identity>({}, ctx);
  const objects = objectsOf(documents);
  const nodePools = objects.filter(o => isKarpenterNodePool(o.object));
  const issue = (address: string | undefined, field: string | undefined, message: string): DesiredIssue => ({
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(field !== undefined ? { field } : {}),
    message,
  });
  if (!nodePools.length) {
    const kinds = [...new Set(objects.map(o => kindOf(o.object)))].join(', ');
    throw new DesiredReadError([issue(undefined, undefined, `no Karpenter NodePool (karpenter.sh) in the file: found only ${kinds || 'nothing'}`)]);
  }
  if (!identity.cluster) {
    throw new DesiredReadError([issue(undefined, 'cluster', 'a NodePool does not name its cluster: pass --cluster (or set the cluster of this manifest source)')]);
  }
  const pools: DesiredPool[] = [];
  const issues: DesiredIssue[] = [];
  for (const { address, object } of nodePools) {
    try {
      const draft = desiredFromNodePool(object, {
        cluster: identity.cluster,
        region: identity.region,
        account: identity.account,
        address,
        resourceType: 'NodePool',
      });
      pools.push(finishPool(draft, 'manifests', ctx));
    } catch (error) {
      if (error instanceof ItemFieldErrors) issues.push(...error.problems.map(p => issue(address, p.field, p.message)));
      else if (error instanceof ItemFieldError) issues.push(issue(address, error.field, error.message));
      else throw error;
    }
  }
  if (issues.length) throw new DesiredReadError(issues);
  return { format: 'manifests', pools, clusters: [], notes: [] };
}
