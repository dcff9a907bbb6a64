import { screen, waitFor } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mutate } from 'swr';
import plugin from './alpha';
import { nodePoolsApiRef } from './api';
import { FakeNodePoolsApi } from './__testUtils__/FakeNodePoolsApi';
import { SOURCES } from './__testUtils__/pools';

describe('permissions in the new frontend system', () => {
  // usePermission keeps decisions in SWR's global cache: each test starts without the last one's.
  afterEach(() => mutate(() => true, undefined, { revalidate: false }));

  it('offers syncs in an app that grants them', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools/sources'],
      apis: [
        [nodePoolsApiRef, new FakeNodePoolsApi([], {}, {}, SOURCES)],
        [permissionApiRef, mockApis.permission()],
      ],
    });
    expect(await screen.findByRole('button', { name: 'Sync eks-prod now' })).toBeEnabled();
  });

  it('hides them in an app whose policy denies them', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools/sources'],
      apis: [
        [nodePoolsApiRef, new FakeNodePoolsApi([], {}, {}, SOURCES)],
        [permissionApiRef, mockApis.permission({ authorize: AuthorizeResult.DENY })],
      ],
    });
    await screen.findByText('eks-prod', { selector: 'td' });
    // Decisions are cached per permission across renders: the previous test's grant may show until the policy answers.
    await waitFor(() => expect(screen.queryAllByRole('button', { name: /^Sync / })).toHaveLength(0));
  });
});
