import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  clusterRef,
  parseClusterSelector,
  type ClusterIdentity,
} from '@nodepools/plugin-nodepools-common';
import type { PoolAccess } from '../permissions';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import { findClusterTriage } from '../triage/findClusterTriage';
import { AmbiguousClusterError } from '../triage/resolveCluster';
import { pendingPodsSchema, summarizeTriage } from './summarizeTriage';

const DEFAULT_GROUPS = 10;

function readCluster(text: string): ClusterIdentity {
  try {
    return parseClusterSelector(text);
  } catch (error) {
    throw new InputError(`Invalid input 'cluster': ${(error as Error).message}`);
  }
}

/**
 * `nodepools:explain-pending-pods`: why pods wait for a node in a
 * cluster, from the cluster's latest stored triage, cut down to what a
 * reader needs.
 */
export function registerExplainPendingPodsAction(
  actions: ActionsRegistryService,
  deps: {
    store: Pick<PoolStore, 'listClusters' | 'getPools'>;
    triageStore: TriageStore;
    access: PoolAccess;
  },
) {
  actions.register({
    name: 'explain-pending-pods',
    title: 'Explain pending pods',
    description:
      "Explains why pods are Pending in a Kubernetes cluster, from the cluster's latest triage: pods grouped by scheduling needs, for each group the smallest fix (add a toleration, target a pool, lower a request, raise a pool's max, a new pool), the pools that take the pods now or after a scale-up, and why the other pools cannot (taints, affinity, insufficient resources, max size...).",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          cluster: z
            .string()
            .min(1)
            .max(512)
            .describe('A cluster ref (provider/account/region/cluster) or a cluster name'),
          maxGroups: z
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe(`Groups of pods to explain, largest first (default ${DEFAULT_GROUPS})`),
        }),
      output: z => pendingPodsSchema(z),
    },
    action: async ({ input, credentials }) => {
      const triage = await deps.access.triageReads(credentials, deps.triageStore, deps.store);
      const identity = readCluster(input.cluster);
      let found;
      try {
        found = await findClusterTriage(triage, {
          identity,
          ...(input.cluster.includes('/') ? { exactRef: clusterRef(identity) } : {}),
        });
      } catch (error) {
        if (error instanceof AmbiguousClusterError) {
          throw new InputError(`Invalid input 'cluster': ${error.message}; pass one of these cluster refs`);
        }
        throw error;
      }
      if (!found) throw new NotFoundError(`No triage for cluster '${input.cluster}'`);
      return { output: summarizeTriage(found, input.maxGroups ?? DEFAULT_GROUPS) };
    },
  });
}
