import { createPermissionRule } from '@backstage/plugin-permission-node';
import {
  parseClusterSelector,
  poolMeetsCondition,
  PROVIDERS,
  type Provider,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod/v4';
import { nodepoolResourceRef } from './resource';

const TARGETS: Record<string, 'draft-7' | 'draft-2020-12'> = {
  'draft-07': 'draft-7',
  'draft-2020-12': 'draft-2020-12',
};

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return ({ target }: { target: string }): Record<string, unknown> => {
    const zodTarget = TARGETS[target];
    if (!zodTarget) throw new Error(`JSON Schema target '${target}' is not supported`);
    return z.toJSONSchema(schema, { target: zodTarget, io }) as Record<string, unknown>;
  };
}

/**
 * Parameters of a permission rule as the permission framework takes them,
 * a Standard Schema that also converts to JSON Schema: the rule's metadata
 * shows the schema to policy tools, and conditions are validated with it.
 * zod's v4 API validates and describes them.
 */
function ruleParams<T extends z.ZodType>(schema: T) {
  return {
    '~standard': {
      ...schema['~standard'],
      jsonSchema: { input: toJsonSchema(schema, 'input'), output: toJsonSchema(schema, 'output') },
    },
  };
}

type ResourceRef = typeof nodepoolResourceRef;

/** Pools owned by the caller: pass the user's ownership entity refs as claims. */
const isOwner = createPermissionRule<ResourceRef, { claims: string[] }>({
  name: 'IS_OWNER',
  description: 'Allow pools owned by one of the given entity refs (the user\'s ownership entity refs)',
  resourceRef: nodepoolResourceRef,
  paramsSchema: ruleParams(
    z.object({
      claims: z
        .array(z.string())
        .describe('Entity refs, such as the user and the groups the user belongs to'),
    }),
  ),
  apply: (pool, { claims }) => poolMeetsCondition(pool, { owners: claims }),
  toQuery: ({ claims }) => ({ owners: claims }),
});

const clusterSelector = z.string().superRefine((text, ctx) => {
  try {
    parseClusterSelector(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message, input: text });
  }
});

/** Pools of given clusters, by cluster ref or bare name, matched as the triage matches them. */
const inCluster = createPermissionRule<ResourceRef, { clusters: string[] }>({
  name: 'IN_CLUSTER',
  description:
    'Allow pools of the given clusters (cluster refs provider/account/region/cluster, or bare cluster names)',
  resourceRef: nodepoolResourceRef,
  paramsSchema: ruleParams(
    z.object({
      clusters: z
        .array(clusterSelector)
        .describe('Cluster refs, e.g. eks/111122223333/us-east-1/payments-prod, or cluster names'),
    }),
  ),
  apply: (pool, { clusters }) =>
    poolMeetsCondition(pool, { clusters: clusters.map(parseClusterSelector) }),
  toQuery: ({ clusters }) => ({ clusters: clusters.map(parseClusterSelector) }),
});

/** Pools of given providers. */
const hasProvider = createPermissionRule<ResourceRef, { providers: Provider[] }>({
  name: 'HAS_PROVIDER',
  description: `Allow pools of the given providers (${PROVIDERS.join(', ')})`,
  resourceRef: nodepoolResourceRef,
  paramsSchema: ruleParams(
    z.object({
      providers: z.array(z.enum(PROVIDERS)).describe('Providers whose pools are allowed'),
    }),
  ),
  apply: (pool, { providers }) => poolMeetsCondition(pool, { providers }),
  toQuery: ({ providers }) => ({ providers }),
});

/**
 * The permission rules of node pools, for conditional decisions on
 * `nodepool.read`, `nodepool.raw.read` and `nodepool.drift.acknowledge`.
 *
 * @public
 */
export const nodepoolRules = { isOwner, inCluster, hasProvider };
