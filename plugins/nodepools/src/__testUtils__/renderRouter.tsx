import type { RenderResult } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { mockApis } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { NodePoolsApi } from '../api';
import { nodePoolsApiRef } from '../api';
import { Router } from '../components/Router';
import { rootRouteRef } from '../routes';
import { LocationProbe } from './LocationProbe';

/**
 * Renders the plugin's pages as an app mounting them at `/nodepools`, with
 * the catalog's entity pages available for owner links, for a user who
 * holds every permission unless `permissions` says otherwise.
 */
export async function renderRouter(
  url: string,
  api: NodePoolsApi,
  options: { permissions?: Parameters<typeof mockApis.permission>[0] } = {},
): Promise<RenderResult & { alertApi: ReturnType<typeof mockApis.alert> }> {
  const alertApi = mockApis.alert();
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [nodePoolsApiRef, api],
        [alertApiRef, alertApi],
        [permissionApiRef, mockApis.permission(options.permissions)],
      ]}
    >
      {/* usePermission keeps decisions in SWR's cache: each render starts with its own. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <Routes>
          <Route path="/nodepools/*" element={<Router />} />
        </Routes>
        <LocationProbe />
      </SWRConfig>
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/nodepools': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { ...result, alertApi };
}
