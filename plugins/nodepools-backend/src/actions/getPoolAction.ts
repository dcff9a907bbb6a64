import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { DEFAULT_DRIFT_STATES } from '../store/drift/findingQuery';
import type { PoolAccess } from '../permissions';
import type { DriftStore } from '../store/DriftStore';
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
    driftStore?: Pick<DriftStore, 'poolFindings'>;
    access: PoolAccess;
    now?: () => Date;
  },
) {
  actions.register({
    name: 'get-pool',
    title: 'Get a node pool',
    description:
      'Returns one Kubernetes node pool by its pool ref (provider/account/region/cluster/name, as list-pools returns it): every normalized field (labels, taints, zones, versions, autoscaling, the nodes its cluster reports), its latest field-level changes, newest first, the pending pods of its cluster that would fit on it, and its open drift against its infrastructure-as-code.',
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
            drift: z
              .array(
                z.object({
                  field: z.string(),
                  cause: z.string().describe('changed, declared-not-found, not-in-iac, node-labels, version-skew...'),
                  severity: z.string(),
                  state: z.string().describe('open or acknowledged'),
                  message: z.string(),
                  desired: z.unknown().optional(),
                  actual: z.unknown().optional(),
                  firstSeenAt: z.string(),
                }),
              )
              .optional()
              .describe('Open and acknowledged drift between the pool and its infrastructure-as-code'),
          }),
        }),
    },
    action: async ({ input, credentials }) => {
      const reader = await deps.access.poolReader(credentials);
      const pool = await deps.store.getPool(input.ref);
      if (!pool) throw new NotFoundError(`No pool with ref '${input.ref}'`);
      reader.check(pool);
      const limit = input.historyLimit ?? DEFAULT_HISTORY;
      const [history, summaries, findings] = await Promise.all([
        limit ? deps.store.getHistory(pool.ref, { limit }) : Promise.resolve([]),
        deps.triageStore.poolSummaries(),
        deps.driftStore?.poolFindings(pool.ref, DEFAULT_DRIFT_STATES, (deps.now ?? (() => new Date()))()),
      ]);
      const drift = findings?.map(f => ({
        field: f.field,
        cause: f.cause,
        severity: f.severity,
        state: f.state,
        message: f.message,
        ...(f.desired !== undefined ? { desired: f.desired } : {}),
        ...(f.actual !== undefined ? { actual: f.actual } : {}),
        firstSeenAt: f.firstSeenAt,
      }));
      const pending = summaries.find(summary => summary.ref === pool.ref);
      return {
        output: {
          pool: toPoolDetail(pool),
          history: history.map(toHistoryEntry),
          analyses: {
            ...(pending
              ? {
                  pendingPods: {
                    fitNow: pending.pendingFitNow,
                    fitAfterScaleUp: pending.pendingFitAfterScaleUp,
                  },
                }
              : {}),
            ...(drift ? { drift } : {}),
          },
        },
      };
    },
  });
}
