import StorageIcon from '@material-ui/icons/Storage';
import {
  ApiBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import { NodePoolsClient, nodePoolsApiRef } from './api';
import { DriftCountsProvider } from './components/DriftCounts';
import { WithoutPageHeader } from './components/PageFrame';
import {
  CLUSTER_ENTITY_FILTER,
  GROUP_ENTITY_FILTER,
  NODE_POOLS_ENTITY_FILTER,
  WORKLOAD_ENTITY_FILTER,
} from './lib/entityFilters';
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

const routes = convertLegacyRouteRefs({
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
 * The plugin's page at `/nodepools`, under the app's own header: its
 * sub-pages (Pools, Triage, Sources, Drift, Governance, Owners, Requests) are the header's tabs, and further
 * features attach theirs to `page:nodepools` (input `pages`). Its title
 * and icon also make the app's navigation item.
 */
export const nodePoolsPage = PageBlueprint.make({
  params: {
    path: '/nodepools',
    title: 'Node pools',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: routes.root,
  },
});

/**
 * A sub-page of the plugin's page: its content, without a header of its
 * own, with the drift counts its pool cards and findings show.
 */
function subPage(element: JSX.Element): JSX.Element {
  return compatWrapper(
    <WithoutPageHeader>
      <DriftCountsProvider>{element}</DriftCountsProvider>
    </WithoutPageHeader>,
  );
}

/** Every pool as cards, filtered by the URL; a pool's page below it. The first tab. */
export const nodePoolsPoolsSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:nodepools', input: 'pages' },
  name: 'pools',
  params: {
    path: 'pools',
    title: 'Pools',
    loader: () => import('./components/Router').then(m => subPage(<m.PoolsRoutes />)),
  },
});

/** Pending-pod triage of each cluster, and of kubectl JSON a user brings. */
export const nodePoolsTriageSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:nodepools', input: 'pages' },
  name: 'triage',
  params: {
    path: 'triage',
    title: 'Triage',
    loader: () => import('./components/TriagePage').then(m => subPage(<m.TriagePage />)),
  },
});

/** The last sync of every configured source. */
export const nodePoolsSourcesSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:nodepools', input: 'pages' },
  name: 'sources',
  params: {
    path: 'sources',
    title: 'Sources',
    loader: () => import('./components/SourcesPage').then(m => subPage(<m.SourcesPage />)),
  },
});

/** Drift across the inventory: findings by cause, owner and cluster, and counts over time. */
export const nodePoolsDriftSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:nodepools', input: 'pages' },
  name: 'drift',
  params: {
    path: 'drift',
    title: 'Drift',
    loader: () => import('./components/DriftPage').then(m => subPage(<m.DriftPage />)),
  },
});

/** Governance: findings of the pool rules, costs, the upgrade plan and exports. */
export const nodePoolsGovernanceSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:nodepools', input: 'pages' },
  name: 'governance',
  params: {
    path: 'governance',
    title: 'Governance',
    loader: () => import('./components/GovernancePage').then(m => subPage(<m.GovernancePage />)),
  },
});

/** Every owner's pools and cost, and each owner's review below it (`owners/:ref/review`). */
export const nodePoolsOwnersSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:nodepools', input: 'pages' },
  name: 'owners',
  params: {
    path: 'owners',
    title: 'Owners',
    loader: () => import('./components/Router').then(m => subPage(<m.OwnerRoutes />)),
  },
});

/** Pool requests: mine, the approval queue, the request form and each request's page. */
export const nodePoolsRequestsSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:nodepools', input: 'pages' },
  name: 'requests',
  params: {
    path: 'requests',
    title: 'Requests',
    loader: () => import('./components/Router/RequestRoutes').then(m => subPage(<m.RequestRoutes />)),
  },
});

/** On a Group page: the pools it owns, and its child groups' when switched on. */
export const entityGroupPoolsCard = EntityCardBlueprint.make({
  name: 'group-pools',
  params: {
    filter: GROUP_ENTITY_FILTER,
    loader: () =>
      import('./components/EntityGroupPoolsCard').then(m =>
        compatWrapper(<m.EntityGroupPoolsCard />),
      ),
  },
});

/** On a `kubernetes-cluster` Resource page: the cluster's pools, capacity and pending pods. */
export const entityClusterPoolsCard = EntityCardBlueprint.make({
  name: 'cluster-pools',
  params: {
    filter: CLUSTER_ENTITY_FILTER,
    loader: () =>
      import('./components/EntityClusterPoolsCard').then(m =>
        compatWrapper(<m.EntityClusterPoolsCard />),
      ),
  },
});

/** On a Component or System page: the pools its pods actually run on. */
export const entityWorkloadPoolsCard = EntityCardBlueprint.make({
  name: 'workload-pools',
  params: {
    filter: WORKLOAD_ENTITY_FILTER,
    loader: () =>
      import('./components/EntityWorkloadPoolsCard').then(m =>
        compatWrapper(<m.EntityWorkloadPoolsCard />),
      ),
  },
});

/**
 * A "Node pools" tab on the entity pages the cards are for, showing the
 * same card full width. Off by default: enable
 * `entity-content:nodepools/pools` in app-config to use it.
 */
export const entityNodePoolsContent = EntityContentBlueprint.make({
  name: 'pools',
  disabled: true,
  params: {
    path: 'node-pools',
    title: 'Node pools',
    group: 'operation',
    filter: NODE_POOLS_ENTITY_FILTER,
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
  extensions: [
    nodePoolsApi,
    nodePoolsPage,
    nodePoolsPoolsSubPage,
    nodePoolsTriageSubPage,
    nodePoolsSourcesSubPage,
    nodePoolsDriftSubPage,
    nodePoolsGovernanceSubPage,
    nodePoolsOwnersSubPage,
    nodePoolsRequestsSubPage,
    entityGroupPoolsCard,
    entityClusterPoolsCard,
    entityWorkloadPoolsCard,
    entityNodePoolsContent,
    nodePoolPickerFormField,
  ],
  routes,
});
