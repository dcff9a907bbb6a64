import {
  createExtensionPoint,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { PoolSource } from './sources';

/**
 * Lets backend modules add sources of pools of their own (an internal CMDB,
 * another cloud), synced and reconciled like the built-in ones.
 *
 * @public
 */
export interface NodePoolsSourcesExtensionPoint {
  /**
   * Adds a source; without a schedule it runs on `nodepools.schedule`.
   * With `shards`, its scopes are shared out between that many scheduled
   * tasks (see `SourceListOptions.includeScope`).
   */
  addSource(
    source: PoolSource,
    schedule?: SchedulerServiceTaskScheduleDefinition,
    options?: { shards?: number },
  ): void;
}

/**
 * The extension point of the nodepools backend plugin's sources.
 *
 * @public
 */
export const nodepoolsSourcesExtensionPoint =
  createExtensionPoint<NodePoolsSourcesExtensionPoint>({
    id: 'nodepools.sources',
  });
