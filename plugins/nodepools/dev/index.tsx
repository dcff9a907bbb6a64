import Grid from '@material-ui/core/Grid';
import StorageIcon from '@material-ui/icons/Storage';
import SyncIcon from '@material-ui/icons/Sync';
import GroupIcon from '@material-ui/icons/Group';
import CategoryIcon from '@material-ui/icons/Category';
import HourglassIcon from '@material-ui/icons/HourglassEmpty';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import GavelIcon from '@material-ui/icons/Gavel';
import SupervisorAccountIcon from '@material-ui/icons/SupervisorAccount';
import type { Entity } from '@backstage/catalog-model';
import { Content, Header, Page, SidebarItem } from '@backstage/core-components';
import { CatalogClient } from '@backstage/catalog-client';
import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityNodePoolsCard, NodePoolsPage, nodepoolsPlugin } from '../src';
import { CatalogEntitiesPage } from './CatalogEntitiesPage';

// Entities shaped like the catalog's, for trying the entity card on the
// bundled sample inventory without a catalog backend.
const paymentsTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const paymentsCluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'payments-prod', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
};

function EntityCardsPage() {
  return (
    <Page themeId="tool">
      <Header title="Entity card" subtitle="EntityNodePoolsCard on a group and on a cluster resource" />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <EntityProvider entity={paymentsTeam}>
              <EntityNodePoolsCard />
            </EntityProvider>
          </Grid>
          <Grid item xs={12} md={6}>
            <EntityProvider entity={paymentsCluster}>
              <EntityNodePoolsCard />
            </EntityProvider>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

// The first page added is where `/` leads.
createDevApp()
  .registerPlugin(nodepoolsPlugin)
  // The dev backend's catalog, for the cards on its entities.
  .registerApi(
    createApiFactory({
      api: catalogApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new CatalogClient({ discoveryApi, fetchApi }),
    }),
  )
  .addPage({
    element: <NodePoolsPage />,
    title: 'Node pools',
    path: '/nodepools',
    icon: StorageIcon,
  })
  .addSidebarItem(
    <SidebarItem key="sources" to="/nodepools/sources" text="Sources" icon={SyncIcon} />,
  )
  .addSidebarItem(
    <SidebarItem key="triage" to="/nodepools/triage" text="Triage" icon={HourglassIcon} />,
  )
  .addSidebarItem(
    <SidebarItem key="drift" to="/nodepools/drift" text="Drift" icon={CompareArrowsIcon} />,
  )
  .addSidebarItem(
    <SidebarItem key="governance" to="/nodepools/governance" text="Governance" icon={GavelIcon} />,
  )
  .addSidebarItem(
    <SidebarItem key="owners" to="/nodepools/owners" text="Owners" icon={SupervisorAccountIcon} />,
  )
  .addPage({
    element: <EntityCardsPage />,
    title: 'Entity card',
    path: '/entity-card',
    icon: GroupIcon,
  })
  .addPage({
    element: <CatalogEntitiesPage />,
    title: 'Catalog',
    path: '/catalog',
    icon: CategoryIcon,
  })
  .render();
