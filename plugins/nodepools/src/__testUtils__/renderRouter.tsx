import type { RenderResult } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { mockApis } from '@backstage/frontend-test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { NodePoolsApi } from '../api';
import { nodePoolsApiRef } from '../api';
import { Router } from '../components/Router';
import { rootRouteRef } from '../routes';
import { LocationProbe } from './LocationProbe';

/**
 * Renders the plugin's pages as an app mounting them at `/nodepools`, with
 * the catalog's entity pages available for owner links.
 */
export async function renderRouter(
  url: string,
  api: NodePoolsApi,
): Promise<RenderResult & { alertApi: ReturnType<typeof mockApis.alert> }> {
  const alertApi = mockApis.alert();
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [nodePoolsApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <Routes>
        <Route path="/nodepools/*" element={<Router />} />
      </Routes>
      <LocationProbe />
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
