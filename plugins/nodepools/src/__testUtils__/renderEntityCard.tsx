import type { ReactElement } from 'react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { nodePoolsApiRef, type NodePoolsApi } from '../api';
import { rootRouteRef } from '../routes';

/**
 * Renders an entity card on the page of `entity`, in an app with an
 * in-memory catalog holding `catalog` and, unless `withPoolsPage` is
 * false, the plugin's pages mounted at `/nodepools`.
 */
export async function renderEntityCard(
  card: ReactElement,
  entity: Entity,
  api: NodePoolsApi,
  options: { catalog?: Entity[]; withPoolsPage?: boolean } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [nodePoolsApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: options.catalog ?? [entity] })],
      ]}
    >
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.withPoolsPage === false ? {} : { '/nodepools': rootRouteRef }),
      },
    },
  );
}
