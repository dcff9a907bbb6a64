import type { FilterPredicate } from '@backstage/filter-predicates';
import {
  KUBERNETES_CLUSTER_ENTITY_TYPE,
  KUBERNETES_WORKLOAD_ANNOTATIONS,
} from '@nodepools/plugin-nodepools-common';

/*
 * Entity predicates of the new frontend system's entity cards and content
 * (the same entities as `isGroupEntity`, `isClusterEntity` and
 * `isWorkloadEntity` for the legacy `EntitySwitch`). Being data, an app can
 * read them in its config and replace them there (`filter:`).
 */

/** Group pages. */
export const GROUP_ENTITY_FILTER: FilterPredicate = { kind: 'group' };

/** `kubernetes-cluster` Resource pages. */
export const CLUSTER_ENTITY_FILTER: FilterPredicate = {
  kind: 'resource',
  'spec.type': KUBERNETES_CLUSTER_ENTITY_TYPE,
};

/** An entity with this annotation, whatever its value. */
function annotated(key: string): FilterPredicate {
  const expression: FilterPredicate = {};
  expression[`metadata.annotations.${key}`] = { $exists: true };
  return expression;
}

/** Components that name their workload by annotation, and Systems (whose components do). */
export const WORKLOAD_ENTITY_FILTER: FilterPredicate = {
  $any: [
    { kind: 'system' },
    {
      $all: [
        { kind: 'component' },
        {
          $any: [
            annotated(KUBERNETES_WORKLOAD_ANNOTATIONS.id),
            annotated(KUBERNETES_WORKLOAD_ANNOTATIONS.labelSelector),
          ],
        },
      ],
    },
  ],
};

/** Any entity one of the cards is for. */
export const NODE_POOLS_ENTITY_FILTER: FilterPredicate = {
  $any: [GROUP_ENTITY_FILTER, CLUSTER_ENTITY_FILTER, WORKLOAD_ENTITY_FILTER],
};
