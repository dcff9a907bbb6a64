import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/** One provider of node pool entities. */
interface NodePoolsProviderConfig {
  /**
   * When the provider reads the nodepools change feed (the first run reads
   * every pool). Default: every minute, 15 seconds after start-up, with a
   * 10 minute timeout.
   */
  schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  /** Catalog namespace of the entities (default `default`). */
  namespace?: string;
  /**
   * Which pools are published: a pool must match every filter given, each
   * a list of allowed values. Default: every live pool.
   */
  filters?: {
    /** eks, karpenter, gke, aks, doks, kubernetes */
    provider?: string[];
    /** Cloud account, project, subscription or team. */
    account?: string[];
    region?: string[];
    cluster?: string[];
    /** system, user */
    mode?: string[];
    /** on-demand, spot, mixed, capacity-block */
    capacityType?: string[];
  };
  /**
   * `spec.owner` of pools that have no owner (a Resource must have one),
   * as an entity ref. Default `group:default/unowned`.
   */
  defaultOwner?: string;
  /**
   * Where the app mounts the nodepools page; entities link to
   * `<app.baseUrl><pagePath>/pools/<pool ref>`. Default `/nodepools`.
   */
  pagePath?: string;
}

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Node pools of the nodepools backend as catalog Resources: one
       * provider's settings, or named providers (`{ prod: {...}, lab:
       * {...} }`), each with its own namespace and filters. Without this
       * block the module runs one provider with the defaults.
       */
      nodepools?: NodePoolsProviderConfig | { [id: string]: NodePoolsProviderConfig };
    };
  };
}
