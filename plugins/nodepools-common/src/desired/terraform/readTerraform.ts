import { RecordReader } from '../../parsers/fields';
import { ItemFieldError, ItemFieldErrors } from '../../parsers/types';
import { karpenterProfile } from '../../providers/karpenter';
import { applyContext, finishPool, type PoolDraft } from '../pool';
import {
  DesiredReadError,
  type DesiredCluster,
  type DesiredContext,
  type DesiredIssue,
  type DesiredNote,
  type DesiredPool,
  type DesiredRead,
} from '../types';
import { awsEksCluster, awsEksNodeGroup } from './aws';
import { azurermKubernetesCluster, azurermNodePool } from './azure';
import { digitaloceanKubernetesCluster, digitaloceanNodePool } from './digitalocean';
import { readTerraformDocument, type TerraformInstance } from './document';
import { googleContainerCluster, googleContainerNodePool } from './google';
import { clusterLookupKey } from './identity';
import { kubectlManifest, kubernetesManifest, type ManifestScope } from './manifests';
import type { ClusterDraft, ClusterIdentity, ClusterResourceReader, PoolResourceReader } from './resource';
import { pickAttributes, withheldAttributes, type AttributeShape } from './whitelist';

const POOL_READERS: readonly PoolResourceReader[] = [
  awsEksNodeGroup,
  googleContainerNodePool,
  azurermNodePool,
  digitaloceanNodePool,
  kubernetesManifest,
  kubectlManifest,
];

const CLUSTER_READERS: readonly ClusterResourceReader[] = [
  awsEksCluster,
  googleContainerCluster,
  azurermKubernetesCluster,
  digitaloceanKubernetesCluster,
];

/** The Terraform resource types that declare node pools, directly or in a block. */
export const TERRAFORM_POOL_TYPES: readonly string[] = [
  ...POOL_READERS.map(r => r.type),
  ...CLUSTER_READERS.filter(r => r.readPools).map(r => r.type),
];

const poolReaders = new Map(POOL_READERS.map(r => [r.type, r]));
const clusterReaders = new Map(CLUSTER_READERS.map(r => [r.type, r]));

interface Collected {
  issues: DesiredIssue[];
  notes: DesiredNote[];
}

/** A reader over the whitelisted attributes only; sensitive ones are not read and said so. */
function readerFor(instance: TerraformInstance, shape: { readonly [key: string]: AttributeShape }, ctx: DesiredContext, out: Collected) {
  for (const path of withheldAttributes(shape, instance.sensitive)) {
    out.notes.push({ source: ctx.source ?? '', address: instance.address, message: `attribute '${path}' is marked sensitive and was not read` });
  }
  return RecordReader.forItem(pickAttributes(instance.attributes, shape, instance.sensitive), `a ${instance.type} instance`);
}

/** Runs one resource's read, turning its field problems into issues at its address. */
function attempt<T>(address: string, ctx: DesiredContext, out: Collected, read: () => T): T | undefined {
  const issue = (error: ItemFieldError): DesiredIssue => ({
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
    address,
    ...(error.field !== undefined ? { field: error.field } : {}),
    message: error.message,
  });
  try {
    return read();
  } catch (error) {
    if (error instanceof ItemFieldErrors) out.issues.push(...error.problems.map(issue));
    else if (error instanceof ItemFieldError) out.issues.push(issue(error));
    else throw error;
    return undefined;
  }
}

function finishCluster(draft: ClusterDraft, format: DesiredRead['format'], ctx: DesiredContext): DesiredCluster {
  const { cluster, ...identity } = applyContext({ ...draft, cluster: draft.name }, ctx);
  return { ...identity, name: cluster ?? draft.name, format, source: ctx.source ?? '' };
}

/** Where manifests were applied: the context's cluster, else the one cluster the state declares. */
function manifestCluster(ctx: DesiredContext, clusters: readonly ClusterDraft[]): ClusterIdentity | undefined {
  if (ctx.cluster) return { provider: karpenterProfile.provider, cluster: ctx.cluster, region: ctx.region, account: ctx.account };
  if (clusters.length !== 1) return undefined;
  const [only] = clusters;
  return { provider: karpenterProfile.provider, cluster: only.name, region: only.region, account: only.account };
}

/** A pool declared both inside its cluster resource and as its own resource is read from its own resource. */
function withoutDuplicates(pools: DesiredPool[], ctx: DesiredContext, out: Collected): DesiredPool[] {
  const standalone = new Map<string, DesiredPool>();
  for (const pool of pools) if (!pool.resourceType.includes('.')) standalone.set(pool.ref, pool);
  const seen = new Map<string, DesiredPool>();
  return pools.filter(pool => {
    const own = standalone.get(pool.ref);
    if (pool.resourceType.includes('.') && own) return false;
    const earlier = seen.get(pool.ref);
    if (earlier) {
      out.notes.push({ source: ctx.source ?? '', address: pool.address, message: `declares pool ${pool.ref} again (also ${earlier.address})` });
    }
    seen.set(pool.ref, pool);
    return true;
  });
}

/**
 * The node pools and clusters a Terraform state (format 4) or `terraform
 * show -json` output declares. Only whitelisted pool attributes are read;
 * throws DesiredReadError listing every bad resource with its address.
 */
export function readTerraform(document: Record<string, unknown>, ctx: DesiredContext): DesiredRead {
  const parsed = readTerraformDocument(document, ctx.source, type => poolReaders.has(type) || clusterReaders.has(type));
  const out: Collected = { issues: [], notes: [] };
  const clusterDrafts: Array<{ instance: TerraformInstance; reader: ClusterResourceReader; r: RecordReader; draft: ClusterDraft }> = [];
  for (const instance of parsed.instances) {
    const reader = clusterReaders.get(instance.type);
    if (!reader) continue;
    const r = readerFor(instance, reader.shape, ctx, out);
    const draft = attempt(instance.address, ctx, out, () => reader.readCluster(r, instance.address));
    if (draft) clusterDrafts.push({ instance, reader, r, draft });
  }
  const byId = new Map<string, ClusterDraft>();
  for (const { draft } of clusterDrafts) if (draft.id) byId.set(clusterLookupKey(draft.id), draft);
  const clusters = clusterDrafts.map(c => c.draft);

  const drafts: PoolDraft[] = [];
  for (const { instance, reader, r, draft } of clusterDrafts) {
    const scope = scopeAt(instance.address, ctx, out, byId, clusters);
    const pools = attempt(instance.address, ctx, out, () => {
      const read = reader.readPools?.(r, draft, scope) ?? [];
      r.finish();
      return read;
    });
    drafts.push(...(pools ?? []).map(pool => ({ ...pool, address: instance.address })));
  }
  for (const instance of parsed.instances) {
    const reader = poolReaders.get(instance.type);
    if (!reader) continue;
    const r = readerFor(instance, reader.shape, ctx, out);
    const scope = scopeAt(instance.address, ctx, out, byId, clusters);
    const pools = attempt(instance.address, ctx, out, () => {
      const read = reader.read(r, scope);
      r.finish();
      return read;
    });
    drafts.push(...(pools ?? []).map(pool => ({ ...pool, address: instance.address })));
  }
  if (out.issues.length) throw new DesiredReadError(out.issues);
  const pools = withoutDuplicates(drafts.map(d => finishPool(d, parsed.format, ctx)), ctx, out);
  for (const pool of pools) {
    if (!pool.cluster) {
      out.notes.push({ source: ctx.source ?? '', address: pool.address, message: 'the cluster is not known (set at apply time, or in another state): pass --cluster' });
    }
  }
  return {
    format: parsed.format,
    pools,
    clusters: clusters.map(c => finishCluster(c, parsed.format, ctx)),
    notes: out.notes,
  };
}

function scopeAt(
  address: string,
  ctx: DesiredContext,
  out: Collected,
  byId: ReadonlyMap<string, ClusterDraft>,
  clusters: readonly ClusterDraft[],
): ManifestScope {
  return {
    address,
    clusterById: id => byId.get(clusterLookupKey(id)),
    note: message => out.notes.push({ source: ctx.source ?? '', address, message }),
    manifestCluster: () => manifestCluster(ctx, clusters),
  };
}
