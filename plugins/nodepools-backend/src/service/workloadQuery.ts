import { InputError } from '@backstage/errors';
import {
  parseLabelSelector,
  workloadSelector,
  type NodePool,
  type SelectorRequirement,
  type WorkloadPoolsResponse,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';
import type { PoolStore } from '../store/PoolStore';
import type { WorkloadStore } from '../store/workloads/WorkloadStore';
import { queryError } from './poolQueryParams';

const workloadQuery = z
  .object({
    kubernetesId: z.string().trim().min(1).max(253),
    labelSelector: z.string().trim().min(1).max(1024),
    namespace: z.string().trim().min(1).max(63),
  })
  .partial()
  .strict();

export interface ParsedWorkloadQuery {
  selector: string;
  requirements: SelectorRequirement[];
  /** The requirement candidate pools are looked up by. */
  lookup: SelectorRequirement;
  namespace?: string;
}

/**
 * Validates `GET /workloads/pools`. The selector may name only the pod
 * labels the roll-ups record (`nodepools.kubernetes.workloadLabelKeys`),
 * and needs one `=`, `==` or `in` requirement to find candidate pools by.
 */
export function parseWorkloadQuery(
  query: unknown,
  workloadLabelKeys: readonly string[],
): ParsedWorkloadQuery {
  const parsed = workloadQuery.safeParse(query);
  if (!parsed.success) throw queryError(parsed.error);
  const { kubernetesId, labelSelector, namespace } = parsed.data;
  if (!kubernetesId && !labelSelector) {
    throw new InputError("Give query parameter 'kubernetesId' or 'labelSelector'");
  }
  const param = labelSelector ? 'labelSelector' : 'kubernetesId';
  const selector = workloadSelector({ kubernetesId, labelSelector });
  let requirements: SelectorRequirement[];
  try {
    requirements = parseLabelSelector(selector);
  } catch (error) {
    throw new InputError(`Invalid query parameter '${param}': ${(error as Error).message}`);
  }
  const unrecorded = requirements.find(r => !workloadLabelKeys.includes(r.key));
  if (unrecorded) {
    throw new InputError(
      `Invalid query parameter '${param}': pod label '${unrecorded.key}' is not recorded; the roll-ups record ${workloadLabelKeys.join(', ')} (nodepools.kubernetes.workloadLabelKeys)`,
    );
  }
  const lookup = requirements.find(r => r.operator === 'in');
  if (!lookup) {
    throw new InputError(
      `Invalid query parameter '${param}': the selector needs one requirement of the form key=value or key in (...)`,
    );
  }
  return { selector, requirements, lookup, ...(namespace ? { namespace } : {}) };
}

/** The live pools the workload's pods run on that `visible` keeps, most pods first. */
export async function findWorkloadPools(
  query: ParsedWorkloadQuery,
  deps: { store: Pick<PoolStore, 'getPools'>; workloads: WorkloadStore },
  visible: (pool: NodePool) => boolean = () => true,
): Promise<WorkloadPoolsResponse> {
  const found = await deps.workloads.findPools(query);
  const loaded = await deps.store.getPools(found.map(f => f.ref));
  const pools = new Map(
    loaded.flatMap(pool => (pool && visible(pool) ? [[pool.ref, pool] as const] : [])),
  );
  return {
    selector: query.selector,
    ...(query.namespace ? { namespace: query.namespace } : {}),
    items: found.flatMap(({ ref, pods, namespaces }) => {
      const pool = pools.get(ref);
      return pool && !pool.tombstonedAt ? [{ pool, pods, namespaces }] : [];
    }),
  };
}
