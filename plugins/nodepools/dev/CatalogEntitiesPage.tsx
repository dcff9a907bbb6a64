import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import useAsync from 'react-use/esm/useAsync';
import { Route, Routes, useParams } from 'react-router-dom';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityNodePoolsCard } from '../src';

const KINDS = ['Group', 'System', 'Component'];

/** The dev backend's groups, systems and components, each linking to its page. */
function EntityList() {
  const catalogApi = useApi(catalogApiRef);
  const entities = useAsync(
    () => catalogApi.getEntities({ filter: { kind: KINDS }, fields: ['kind', 'metadata'] }),
    [catalogApi],
  );
  if (entities.error) return <ResponseErrorPanel error={entities.error} />;
  if (!entities.value) return <Progress />;
  return (
    <List>
      {entities.value.items.map(entity => {
        const namespace = entity.metadata.namespace ?? 'default';
        const path = `${namespace}/${entity.kind.toLocaleLowerCase('en-US')}/${entity.metadata.name}`;
        return (
          <ListItem key={path}>
            <Link to={path}>{stringifyEntityRef(entity)}</Link>
          </ListItem>
        );
      })}
    </List>
  );
}

/** One entity of the catalog with the nodepools card its kind gets. */
function EntityCard() {
  const { namespace = 'default', kind = '', name = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const entity = useAsync(
    () => catalogApi.getEntityByRef({ kind, namespace, name }),
    [catalogApi, kind, namespace, name],
  );
  if (entity.error) return <ResponseErrorPanel error={entity.error} />;
  if (entity.loading) return <Progress />;
  if (!entity.value) return <ResponseErrorPanel error={new Error(`${kind}:${namespace}/${name} is not in the catalog`)} />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <EntityProvider entity={entity.value}>
          <EntityNodePoolsCard />
        </EntityProvider>
      </Grid>
    </Grid>
  );
}

/**
 * Entities of the dev backend's catalog with their nodepools card, at
 * `/catalog/<namespace>/<kind>/<name>` as in an app.
 */
export function CatalogEntitiesPage() {
  return (
    <Page themeId="tool">
      <Header title="Catalog entities" subtitle="The nodepools card on entities of the dev catalog" />
      <Content>
        <Routes>
          <Route path="/" element={<EntityList />} />
          <Route path="/:namespace/:kind/:name" element={<EntityCard />} />
        </Routes>
      </Content>
    </Page>
  );
}
