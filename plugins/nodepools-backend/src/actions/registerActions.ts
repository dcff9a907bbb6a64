import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { PoolAccess } from '../permissions';
import type { DriftStore } from '../store/DriftStore';
import type { PoolStore } from '../store/PoolStore';
import type { TriageStore } from '../store/TriageStore';
import { registerExplainPendingPodsAction } from './explainPendingPodsAction';
import { registerGetPoolAction } from './getPoolAction';
import { registerListPoolsAction } from './listPoolsAction';

/**
 * The read-only actions of the plugin, for Backstage's actions registry
 * (its MCP server and AI tools): each checks the caller's credentials as
 * the routes do.
 */
export function registerNodepoolActions(
  actions: ActionsRegistryService,
  deps: { store: PoolStore; triageStore: TriageStore; driftStore?: DriftStore; access: PoolAccess },
) {
  registerListPoolsAction(actions, deps);
  registerGetPoolAction(actions, deps);
  registerExplainPendingPodsAction(actions, deps);
}
