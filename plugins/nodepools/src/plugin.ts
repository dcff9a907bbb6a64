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
  poolRouteRef,
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
    pool: poolRouteRef,
    sources: sourcesRouteRef,
    triage: triageRouteRef,
    requests: requestsRouteRef,
    requestApprovals: requestApprovalsRouteRef,
    newRequest: newRequestRouteRef,
    request: requestRouteRef,
    drift: driftRouteRef,
  },
});

/**
 * The pool list, pool pages, sources page, pending-pod triage and drift. Mount it once, e.g.
 * `<Route path="/nodepools" element={<NodePoolsPage />} />`.
 */
export const NodePoolsPage = nodepoolsPlugin.provide(
  createRoutableExtension({
    name: 'NodePoolsPage',
    component: () => import('./components/Router').then(m => m.Router),
    mountPoint: rootRouteRef,
  }),
);

/** The pools of a Group or a `kubernetes-cluster` Resource, for entity pages. */
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
