import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import type { PoolAccess } from '../permissions';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import {
  historyEntrySchema,
  poolDetailSchema,
  toHistoryEntry,
  toPoolDetail,
} from './poolSchemas';

const DEFAULT_HISTORY = 20;

/**
 * `nodepools:get-pool`: one pool with its recent changes and what the
 * analyses found about it. `analyses` holds one key per analysis the
 * backend stores (pending pods today), so that drift and governance
 * findings join it without changing what is already there.
 */
export function registerGetPoolAction(
  actions: ActionsRegistryService,
  deps: {
    store: Pick<PoolStore, 'getPool' | 'getHistory'>;
    triageStore: Pick<TriageStore, 'poolSummaries'>;
    access: PoolAccess;
  },
) {
  actions.register({
    name: 'get-pool',
    title: 'Get a node pool',
    description:
      'Returns one Kubernetes node pool by its pool ref (provider/account/region/cluster/name, as list-pools returns it): every normalized field (labels, taints, zones, versions, autoscaling, the nodes its cluster reports), its latest field-level changes, newest first, and the pending pods of its cluster that would fit on it.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          ref: z.string().min(1).max(1024).describe('The pool ref'),
          historyLimit: z
            .number()
            .int()
            .min(0)
            .max(200)
            .optional()
            .describe(`Changes to return, newest first (default ${DEFAULT_HISTORY})`),
        }),
      output: z =>
        z.object({
          pool: poolDetailSchema(z),
          history: z.array(historyEntrySchema(z)),
          analyses: z.object({
            pendingPods: z
              .object({
                fitNow: z.number().describe('Pending pods that fit on an existing node of the pool'),
                fitAfterScaleUp: z
                  .number()
                  .describe('Pending pods a new node of the pool would take'),
              })
              .optional()
              .describe("From the latest triage of the pool's cluster, when there is one"),
          }),
        }),
    },
    action: async ({ input, credentials }) => {
      const reader = await deps.access.poolReader(credentials);
      const pool = await deps.store.getPool(input.ref);
      if (!pool) throw new NotFoundError(`No pool with ref '${input.ref}'`);
      reader.check(pool);
      const limit = input.historyLimit ?? DEFAULT_HISTORY;
      const [history, summaries] = await Promise.all([
        limit ? deps.store.getHistory(pool.ref, { limit }) : Promise.resolve([]),
        deps.triageStore.poolSummaries(),
      ]);
      const pending = summaries.find(summary => summary.ref === pool.ref);
      return {
        output: {
          pool: toPoolDetail(pool),
          history: history.map(toHistoryEntry),
          analyses: pending
            ? {
                pendingPods: {
                  fitNow: pending.pendingFitNow,
                  fitAfterScaleUp: pending.pendingFitAfterScaleUp,
                },
              }
            : {},
        },
      };
    },
  });
}
