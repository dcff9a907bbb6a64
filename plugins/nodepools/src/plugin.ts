import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { NodePoolsClient, nodePoolsApiRef } from './api';
import {
  newRequestRouteRef,
  driftRouteRef,
  governanceRouteRef,
  ownerReviewRouteRef,
  ownersRouteRef,
  poolRouteRef,
  poolsRouteRef,
  requestApprovalsRouteRef,
  requestRouteRef,
  requestsRouteRef,
  rootRouteRef,
  sourcesRouteRef,
  triageRouteRef,
} from './routes';

/** The node pools plugin for apps on Backstage's legacy frontend system. */
export const nodepoolsPlugin = createPlugin({
  id: 'nodepools',
  apis: [
    createApiFactory({
      api: nodePoolsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NodePoolsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    pools: poolsRouteRef,
    pool: poolRouteRef,
    sources: sourcesRouteRef,
    triage: triageRouteRef,
    requests: requestsRouteRef,
    requestApprovals: requestApprovalsRouteRef,
    newRequest: newRequestRouteRef,
    request: requestRouteRef,
    drift: driftRouteRef,
    governance: governanceRouteRef,
    owners: ownersRouteRef,
    ownerReview: ownerReviewRouteRef,
  },
});

/**
 * The pool list, pool pages, sources page, pending-pod triage, drift, governance and the
 * owners' reviews. Mount it once, e.g.
 * `<Route path="/nodepools" element={<NodePoolsPage />} />`.
 */
export const NodePoolsPage = nodepoolsPlugin.provide(
  createRoutableExtension({
    name: 'NodePoolsPage',
    component: () => import('./components/Router').then(m => m.Router),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The node pools of the current entity, whatever its kind: a Group's, a
 * `kubernetes-cluster` Resource's, or those a Component's or System's pods
 * run on.
 */
export const EntityNodePoolsCard = nodepoolsPlugin.provide(
  createComponentExtension({
    name: 'EntityNodePoolsCard',
    component: {
      lazy: () =>
        import('./components/EntityNodePoolsCard').then(
          m => m.EntityNodePoolsCard,
        ),
    },
  }),
);

/** The pools a Group owns, switchable to include its child groups'. */
export const EntityGroupPoolsCard = nodepoolsPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupPoolsCard',
    component: {
      lazy: () =>
        import('./components/EntityGroupPoolsCard').then(m => m.EntityGroupPoolsCard),
    },
  }),
);

/** The pools of the cluster a `kubernetes-cluster` Resource stands for. */
export const EntityClusterPoolsCard = nodepoolsPlugin.provide(
  createComponentExtension({
    name: 'EntityClusterPoolsCard',
    component: {
      lazy: () =>
        import('./components/EntityClusterPoolsCard').then(m => m.EntityClusterPoolsCard),
    },
  }),
);

/** The pools a Component's or System's pods run on. */
export const EntityWorkloadPoolsCard = nodepoolsPlugin.provide(
  createComponentExtension({
    name: 'EntityWorkloadPoolsCard',
    component: {
      lazy: () =>
        import('./components/EntityWorkloadPoolsCard').then(m => m.EntityWorkloadPoolsCard),
    },
  }),
);
