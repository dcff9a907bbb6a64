import type { DesiredCluster, DesiredPool } from '../desired/types';
import { DEFAULT_OWNER_KEYS } from '../model/owner';
import { poolRef, type Provider } from '../model/pool';
import { compareFields } from './compare/fields';
import { compareNodes, type ControlPlane } from './compare/nodes';
import { findingId } from './findingId';
import { clusterScope, compatible, matchPools } from './match';
import { adoptResolution } from './render/adopt';
import type { ResolutionInput } from './render/input';
import { revertResolution } from './render/revert';
import { defaultDriftSemantics } from './defaultSemantics';
import type { DriftSemantics } from './semantics';
import { severityOf, severityRank } from './severity';
import type {
  ActualPool,
  ControlPlaneVersion,
  DriftCause,
  DriftField,
  DriftFinding,
  DriftInput,
  DriftOptions,
  DriftReport,
} from './types';

interface Draft {
  pool: ResolutionInput['pool'];
  ref: string;
  field: DriftField;
  cause: DriftCause;
  message: string;
  desired?: unknown;
  actual?: unknown;
  desiredPool?: DesiredPool;
  actualPool?: ActualPool;
}

function identity(p: ActualPool | DesiredPool): ResolutionInput['pool'] {
  return { provider: p.provider, account: p.account, region: p.region, cluster: p.cluster, name: p.name };
}

/** The control plane of a pool's cluster: a given version first, else one declared with the cluster. */
function controlPlaneFinder(
  given: readonly ControlPlaneVersion[],
  declared: readonly DesiredCluster[],
): (pool: ActualPool) => ControlPlane | undefined {
  const known = [
    ...given.map(c => ({ ...c, source: c.source })),
    ...declared
      .filter(c => c.kubernetesVersion)
      .map(c => ({ provider: c.provider as Provider | undefined, account: c.account, region: c.region, cluster: c.name, version: c.kubernetesVersion!, source: `${c.source}: ${c.address}` })),
  ];
  const byCluster = new Map<string, typeof known>();
  for (const c of known) {
    const list = byCluster.get(c.cluster);
    if (list) list.push(c);
    else byCluster.set(c.cluster, [c]);
  }
  return pool => {
    const found = byCluster
      .get(pool.cluster)
      ?.find(c => compatible(c.account, pool.account) && compatible(c.region, pool.region));
    return found && { version: found.version, source: found.source };
  };
}

function finish(draft: Draft, semantics: DriftSemantics): DriftFinding {
  const { pool, desiredPool, actualPool } = draft;
  const input: ResolutionInput = {
    cause: draft.cause,
    field: draft.field,
    pool,
    desiredPool,
    actualPool,
    desired: draft.desired,
    actual: draft.actual,
    semantics,
  };
  const revert = revertResolution(input);
  const adopt = adoptResolution(input);
  return {
    id: findingId({ ref: draft.ref, address: desiredPool?.address, field: draft.field, cause: draft.cause }),
    ref: draft.ref,
    provider: pool.provider,
    cluster: pool.cluster,
    pool: pool.name,
    field: draft.field,
    cause: draft.cause,
    severity: severityOf(draft.cause, draft.field),
    message: draft.message,
    ...(draft.desired !== undefined ? { desired: draft.desired } : {}),
    ...(draft.actual !== undefined ? { actual: draft.actual } : {}),
    ...(desiredPool
      ? { origin: { format: desiredPool.format, source: desiredPool.source, address: desiredPool.address, resourceType: desiredPool.resourceType } }
      : {}),
    ...(revert ? { revert } : {}),
    ...(adopt ? { adopt } : {}),
  };
}

/** Code-unit order: the same on every machine, whatever its locale. */
function byText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Pools the cloud creates and keeps by itself are nobody's click-ops. */
function cloudManaged(pool: ActualPool, semantics: DriftSemantics): boolean {
  const tags = Object.entries(semantics.managedPoolTags);
  return (
    (tags.length > 0 && tags.every(([k, v]) => pool.tags[k] === v)) ||
    semantics.autoCreatedNamePrefixes.some(prefix => pool.name.startsWith(prefix))
  );
}

/**
 * Compares declared pools with the cloud's pools and their nodes. Pure and
 * deterministic: the same input gives the same findings, ids and order
 * (most severe first, then by pool and field). See `severity.ts` for the
 * severity rules and `match.ts` for the matching rule.
 */
export function compareDrift(input: DriftInput, options: DriftOptions = {}): DriftReport {
  const semanticsOf = options.semantics ?? defaultDriftSemantics;
  const ownerTagKeys = options.ownerTagKeys ?? DEFAULT_OWNER_KEYS.tagKeys;
  const actual = input.actual.filter(p => !p.tombstonedAt);
  const { pairs, unmatchedDesired, unmatchedActual, notes } = matchPools(input.desired, actual);
  const inScope = clusterScope([
    ...input.desired.filter(d => d.declaresCluster !== false),
    ...(input.clusters ?? []).map(c => ({ ...c, cluster: c.name })),
  ]);
  const covered = (pool: ActualPool) => options.scope === 'all' || inScope(pool);
  const controlPlane = controlPlaneFinder(input.controlPlanes ?? [], input.clusters ?? []);
  const refOf = (pool: ActualPool) => pool.ref ?? poolRef(pool);
  const drafts: Array<{ draft: Draft; semantics: DriftSemantics }> = [];
  const add = (draft: Draft, semantics: DriftSemantics) => drafts.push({ draft, semantics });

  const declaredBy = new Map<ActualPool, DesiredPool>();
  for (const { desired, actual: pool } of pairs) {
    const semantics = semanticsOf(pool.provider);
    declaredBy.set(pool, desired);
    for (const change of compareFields(desired, pool, semantics, ownerTagKeys)) {
      add({ pool: identity(pool), ref: refOf(pool), cause: 'changed', desiredPool: desired, actualPool: pool, ...change }, semantics);
    }
  }
  for (const desired of unmatchedDesired) {
    add(
      {
        pool: identity(desired),
        ref: desired.ref,
        field: 'pool',
        cause: 'declared-not-found',
        message: `declared in ${desired.source} (${desired.address}) but not found in the cloud`,
        desiredPool: desired,
      },
      semanticsOf(desired.provider),
    );
  }
  for (const pool of unmatchedActual) {
    const semantics = semanticsOf(pool.provider);
    if (!covered(pool) || cloudManaged(pool, semantics)) continue;
    add({ pool: identity(pool), ref: refOf(pool), field: 'pool', cause: 'not-in-iac', message: 'not declared in any desired-state source', actualPool: pool }, semantics);
  }
  for (const pool of actual) {
    if (!pool.observed || !covered(pool)) continue;
    const semantics = semanticsOf(pool.provider);
    const desired = declaredBy.get(pool);
    for (const drift of compareNodes(pool, desired, semantics, controlPlane(pool))) {
      add({ pool: identity(pool), ref: refOf(pool), desiredPool: desired, actualPool: pool, ...drift }, semantics);
    }
  }
  const findings = drafts.map(({ draft, semantics }) => finish(draft, semantics));
  findings.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      byText(a.ref, b.ref) ||
      byText(a.field, b.field) ||
      byText(a.id, b.id),
  );
  return { findings, matched: pairs.length, notes };
}
