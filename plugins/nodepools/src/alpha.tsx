import StorageIcon from '@material-ui/icons/Storage';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import { NodePoolsClient, nodePoolsApiRef } from './api';
import { isNodePoolsAvailable } from './lib/entityPools';
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

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  pool: poolRouteRef,
  sources: sourcesRouteRef,
  triage: triageRouteRef,
  requests: requestsRouteRef,
  requestApprovals: requestApprovalsRouteRef,
  newRequest: newRequestRouteRef,
  request: requestRouteRef,
  drift: driftRouteRef,
});

/** The client of the nodepools backend. */
export const nodePoolsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: nodePoolsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NodePoolsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The pool list with its pool, sources, triage and drift pages, at `/nodepools`. Its title
 * and icon also make the app's navigation item.
 */
export const nodePoolsPage = PageBlueprint.make({
  params: {
    path: '/nodepools',
    title: 'Node pools',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: routes.root,
    // The pages draw their own Backstage header.
    noHeader: true,
    loader: () =>
      import('./components/Router').then(m => compatWrapper(<m.Router />)),
  },
});

/** The pools of a Group or a `kubernetes-cluster` Resource on its entity page. */
export const entityNodePoolsCard = EntityCardBlueprint.make({
  name: 'pools',
  params: {
    filter: isNodePoolsAvailable,
    loader: () =>
      import('./components/EntityNodePoolsCard').then(m =>
        compatWrapper(<m.EntityNodePoolsCard />),
      ),
  },
});

/**
 * The `NodePoolPicker` Scaffolder field: kind, cluster and machine types of
 * a pool request, checked against the pool policies and priced live.
 */
export const nodePoolPickerFormField = FormFieldBlueprint.make({
  name: 'node-pool-picker',
  params: {
    field: () => import('./scaffolder/formField').then(m => m.nodePoolPickerFormField),
  },
});

/** The node pools plugin for apps on Backstage's new frontend system. */
export default createFrontendPlugin({
  pluginId: 'nodepools',
  title: 'Node pools',
  icon: <StorageIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [nodePoolsApi, nodePoolsPage, entityNodePoolsCard, nodePoolPickerFormField],
  routes,
});
