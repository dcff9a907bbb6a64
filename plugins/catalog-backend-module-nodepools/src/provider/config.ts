import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** Which pools a provider publishes: a pool must match every filter given. */
export interface PoolFilters {
  provider?: string[];
  account?: string[];
  region?: string[];
  cluster?: string[];
  mode?: string[];
  capacityType?: string[];
}

/** One provider's settings (`catalog.providers.nodepools`). */
export interface NodePoolsProviderConfig {
  /** Part of the provider's name and of its task id. */
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The catalog namespace of the entities. */
  namespace: string;
  filters: PoolFilters;
  /** Owner of pools that have none: an entity ref. */
  defaultOwner: string;
  /** Where the app mounts the nodepools page; pool pages are `<app.baseUrl><pagePath>/pools/<ref>`. */
  pagePath: string;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

const KEYS = ['schedule', 'namespace', 'filters', 'defaultOwner', 'pagePath'];
const FILTER_KEYS: Array<keyof PoolFilters> = [
  'provider',
  'account',
  'region',
  'cluster',
  'mode',
  'capacityType',
];
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function readOne(id: string, config: Config | undefined, at: string): NodePoolsProviderConfig {
  const namespace = config?.getOptionalString('namespace') ?? 'default';
  if (namespace.length > 63 || !NAMESPACE.test(namespace)) {
    throw new Error(
      `${at}.namespace: '${namespace}' is not a catalog namespace (lower-case letters, digits and '-', at most 63)`,
    );
  }
  const schedule = config?.getOptionalConfig('schedule');
  const filters: PoolFilters = {};
  for (const key of FILTER_KEYS) {
    const values = config?.getOptionalStringArray(`filters.${key}`);
    if (values) filters[key] = values;
  }
  const pagePath = (config?.getOptionalString('pagePath') ?? '/nodepools').replace(/\/+$/, '');
  return {
    id,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
    namespace,
    filters,
    defaultOwner: config?.getOptionalString('defaultOwner') ?? 'group:default/unowned',
    pagePath: pagePath.startsWith('/') || !pagePath ? pagePath : `/${pagePath}`,
  };
}

/**
 * `catalog.providers.nodepools`: one provider's block, or a map of named
 * blocks (one provider each, e.g. one per namespace). Absent: one provider
 * with the defaults, id `default`.
 */
export function readProviderConfigs(root: Config): NodePoolsProviderConfig[] {
  const at = 'catalog.providers.nodepools';
  const config = root.getOptionalConfig(at);
  if (!config) return [readOne('default', undefined, at)];
  const keys = config.keys();
  if (keys.every(key => KEYS.includes(key))) return [readOne('default', config, at)];
  const known = keys.filter(key => KEYS.includes(key));
  if (known.length) {
    throw new Error(
      `${at}: give either one provider's settings or named providers, not both (found ${known.join(', ')} beside ${keys
        .filter(key => !KEYS.includes(key))
        .join(', ')})`,
    );
  }
  return keys.map(id => readOne(id, config.getConfig(id), `${at}.${id}`));
}
