import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult, type EvaluatePermissionRequest } from '@backstage/plugin-permission-common';
import type { NodePoolDetail } from '@nodepools/plugin-nodepools-common';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { ALL_POOLS, eksGeneral, eksGeneralDetail, SOURCES } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

/** A user who holds every permission but those named. */
function denying(...names: string[]) {
  return {
    authorize: (request: EvaluatePermissionRequest) =>
      names.includes(request.permission.name) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  };
}

/** The error the client throws for a response of the nodepools backend. */
async function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name, message }, request: { method: 'GET', url: '/' }, response: { statusCode: status } }),
      { status, statusText: name, headers: { 'content-type': 'application/json' } },
    ) as never,
  );
}

const poolUrl = `/nodepools/pools/${encodeURIComponent(eksGeneral.ref)}`;

describe('what the pages offer by permission', () => {
  it('shows Sync buttons only to users who may run syncs', async () => {
    const sources = () => new FakeNodePoolsApi([], {}, {}, SOURCES);
    const denied = await renderRouter('/nodepools/sources', sources(), {
      permissions: denying('nodepool.source.sync'),
    });
    await screen.findByText('eks-prod', { selector: 'td' });
    expect(screen.queryByRole('button', { name: /^Sync / })).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument();
    denied.unmount();

    await renderRouter('/nodepools/sources', sources());
    expect(await screen.findByRole('button', { name: 'Sync eks-prod now' })).toBeEnabled();
  });

  it('says why a sync the server refused did not start', async () => {
    const api = new FakeNodePoolsApi([], {}, {}, SOURCES);
    api.syncSource = async () => {
      throw await responseError(429, 'TooManyRequestsError', "Source 'eks-prod' was synced by hand recently; try again in 42 s");
    };
    const { alertApi } = await renderRouter('/nodepools/sources', api);
    await userEvent.click(await screen.findByRole('button', { name: 'Sync eks-prod now' }));
    await screen.findByRole('button', { name: 'Sync eks-prod now' });
    expect(alertApi.getAlerts().map(a => a.message)).toContain(
      "Sync of eks-prod could not be started: Source 'eks-prod' was synced by hand recently; try again in 42 s",
    );
  });

  it('shows the raw record only to users who may read it, and says what is missing', async () => {
    const api = () => new FakeNodePoolsApi(ALL_POOLS, { [eksGeneral.ref]: eksGeneralDetail });
    const allowed = await renderRouter(poolUrl, api());
    expect(await screen.findByTestId('pool-raw')).toHaveTextContent('ng-general');
    allowed.unmount();

    await renderRouter(poolUrl, api(), { permissions: denying('nodepool.raw.read') });
    await screen.findByRole('table', { name: 'Pool fields' });
    expect(await screen.findByText(/You are not allowed to see the provider record of this pool$/)).toBeInTheDocument();
    expect(screen.getByText(/needs the permission nodepool\.raw\.read/)).toBeInTheDocument();
    expect(screen.queryByTestId('pool-raw')).not.toBeInTheDocument();
  });

  it('does not show a record the backend left out, whatever the frontend was told', async () => {
    const { raw: _raw, ...withoutRaw } = eksGeneralDetail;
    await renderRouter(poolUrl, new FakeNodePoolsApi(ALL_POOLS, { [eksGeneral.ref]: withoutRaw as NodePoolDetail }));
    expect(await screen.findByText(/You are not allowed to see the provider record of this pool$/)).toBeInTheDocument();
    expect(screen.queryByTestId('pool-raw')).not.toBeInTheDocument();
  });

  it('offers the analysis of kubectl JSON only to users who may run it', async () => {
    const denied = await renderRouter('/nodepools/triage/analyze', new FakeNodePoolsApi([]), {
      permissions: denying('nodepool.triage.analyze'),
    });
    expect(await screen.findByText(/You are not allowed to analyze kubectl output$/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Analyze kubectl JSON' })).not.toBeInTheDocument();
    denied.unmount();

    await renderRouter('/nodepools/triage/analyze', new FakeNodePoolsApi([]));
    expect(await screen.findByRole('form', { name: 'Analyze kubectl JSON' })).toBeInTheDocument();
  });

  it('says plainly when the backend refuses to list pools', async () => {
    const api = new FakeNodePoolsApi(ALL_POOLS);
    api.failure = await responseError(403, 'NotAllowedError', 'You are not allowed to read node pools (permission nodepool.read)');
    await renderRouter('/nodepools', api);
    expect(await screen.findByText('Warning: Not allowed')).toBeInTheDocument();
    // The filters say it too: they could not load their values.
    expect(screen.getAllByText('You are not allowed to read node pools (permission nodepool.read)').length).toBeGreaterThan(0);
  });
});
