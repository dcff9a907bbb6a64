import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  CAPACITY_TYPES,
  POOL_MODES,
  POOL_SORT_FIELDS,
  PROVIDERS,
} from '@nodepools/plugin-nodepools-common';
import { restrictionOf, type PoolAccess } from '../permissions';
import type { PoolStore } from '../store/PoolStore';
import { InputError } from '@backstage/errors';
import { InvalidCursorError } from '../store/errors';
import { poolSummarySchema, toPoolSummary } from './poolSchemas';

/** Pages stay small: a model reads every item it is given. */
const MAX_ITEMS = 100;

/** `nodepools:list-pools`: the pools the caller may read, filtered as `GET /pools` filters. */
export function registerListPoolsAction(
  actions: ActionsRegistryService,
  deps: { store: Pick<PoolStore, 'listPools'>; access: PoolAccess },
) {
  actions.register({
    name: 'list-pools',
    title: 'List node pools',
    description: `Lists Kubernetes node pools across clouds (EKS, Karpenter, GKE, AKS, DOKS and pools seen only through their nodes), with their owner, size and capacity type. Filters combine with AND; values within one filter with OR. Use owner '(none)' for pools without an owner. Page with nextCursor. Returns at most ${MAX_ITEMS} pools per call and totalCount for all matches.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          provider: z.array(z.enum(PROVIDERS)).optional(),
          cluster: z.array(z.string().max(255)).optional().describe('Cluster names'),
          region: z.array(z.string().max(64)).optional(),
          owner: z
            .array(z.string().max(255))
            .optional()
            .describe("Owner entity refs, e.g. group:default/team-payments, or '(none)'"),
          mode: z.array(z.enum(POOL_MODES)).optional(),
          capacityType: z.array(z.enum(CAPACITY_TYPES)).optional(),
          q: z
            .string()
            .max(200)
            .optional()
            .describe('Free text over name, cluster, region, owner, machine types and labels'),
          sort: z.enum(POOL_SORT_FIELDS).optional(),
          order: z.enum(['asc', 'desc']).optional(),
          limit: z.number().int().min(1).max(MAX_ITEMS).optional().describe('Default 25'),
          cursor: z.string().max(2048).optional().describe('nextCursor of the previous call'),
          includeTombstoned: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          items: z.array(poolSummarySchema(z)),
          totalCount: z.number().describe('Pools matching the filters that the caller may read'),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const restrict = restrictionOf(await deps.access.readScope(credentials));
      try {
        const page = await deps.store.listPools({ limit: 25, ...input, restrict });
        return {
          output: {
            items: page.items.map(toPoolSummary),
            totalCount: page.totalCount,
            ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          },
        };
      } catch (error) {
        if (error instanceof InvalidCursorError) {
          throw new InputError(
            `Invalid input 'cursor': ${error.message}; pass the nextCursor of the previous call unchanged`,
          );
        }
        throw error;
      }
    },
  });
}
