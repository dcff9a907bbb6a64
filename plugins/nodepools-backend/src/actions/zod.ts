import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';

/** The zod the actions registry hands to schema builders (zod v3's API). */
export type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];
