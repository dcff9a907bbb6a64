import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import {
  ALL_POOLS,
  eksGeneral,
  eksGeneralDetail,
  eksGeneralHistory,
  eksSpotArm,
} from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

const poolUrl = (ref: string) => `/nodepools/pools/${encodeURIComponent(ref)}`;

function api() {
  return new FakeNodePoolsApi(
    ALL_POOLS,
    { [eksGeneral.ref]: eksGeneralDetail },
    { [eksGeneral.ref]: eksGeneralHistory },
  );
}

function fieldRow(table: HTMLElement, label: string) {
  return within(table).getByRole('rowheader', { name: label }).closest('tr')!;
}

describe('PoolPage', () => {
  it('opens from a link of the former /pool/<ref> form, keeping its query', async () => {
    await renderRouter(`/nodepools/pool/${encodeURIComponent(eksGeneral.ref)}?from=bookmark`, api());
    expect(await screen.findByRole('table', { name: 'Pool fields' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('?from=bookmark');
  });

  it('shows every normalized field of the pool', async () => {
    await renderRouter(poolUrl(eksGeneral.ref), api());
    const table = await screen.findByRole('table', { name: 'Pool fields' });
    const expected: Record<string, string> = {
      Ref: eksGeneral.ref,
      Cloud: 'EKS (eks)',
      Account: '111122223333',
      Region: 'us-east-1',
      Cluster: 'prod-use1',
      Name: 'ng-general',
      Mode: 'User',
      OS: 'linux',
      Architecture: 'amd64',
      'Machine types': 'm6i.xlargem5.xlarge',
      'Capacity type': 'On-demand',
      'Node count': '3',
      Autoscaling: 'on, min 1, max 5',
      Labels: 'eks.amazonaws.com/nodegroup=ng-generalteam=payments',
      Taints: '—',
      Zones: '—',
      'Kubernetes version': '1.31',
      'Node image version': '1.31.2-20241121',
      'Provider state': 'ACTIVE',
      Tags: 'team=paymentsenv=prod',
      Requirements: '—',
      Limits: '—',
      'Max pods per node': '—',
      'Disk size': '50 GB',
      Owner: 'payments',
      'Owner from': 'tag',
      Source: 'eks-prod',
      Stale: 'no',
      'Stale because': '—',
      Removed: '—',
    };
    for (const [label, value] of Object.entries(expected)) {
      expect(within(fieldRow(table, label)).getAllByRole('cell')[0]).toHaveTextContent(
        value,
        { normalizeWhitespace: true },
      );
    }
    for (const label of ['First seen', 'Last seen', 'Observed in the cluster']) {
      expect(fieldRow(table, label).querySelector('time')).not.toBeNull();
    }
    expect(
      within(fieldRow(table, 'Owner')).getByRole('link'),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(screen.getByRole('heading', { name: 'ng-general', level: 1 })).toBeInTheDocument();
  });

  it('shows what the cluster observed next to what the cloud says', async () => {
    await renderRouter(poolUrl(eksGeneral.ref), api());
    const observed = await screen.findByRole('table', { name: 'Observed nodes' });
    expect(within(fieldRow(observed, 'Ready nodes')).getByRole('cell')).toHaveTextContent('2');
    expect(within(fieldRow(observed, 'Allocatable')).getByRole('cell')).toHaveTextContent(
      'cpu 11.6 cores, memory 45 GiB, pods 174',
    );
    expect(screen.getByTestId('observed-nodes')).toHaveTextContent(
      'Cloud says 3 nodes, cluster sees 2 ready',
    );
    expect(screen.getByRole('meter', { name: 'CPU requested' })).toBeInTheDocument();
  });

  it('shows the raw provider record as JSON', async () => {
    await renderRouter(poolUrl(eksGeneral.ref), api());
    const raw = await screen.findByTestId('pool-raw');
    const text = raw.textContent ?? '';
    expect(text).toContain('"amiType": "AL2023_x86_64_STANDARD"');
    expect(text).toContain('"desiredSize": 3');
  });

  it('shows the history as field-level changes', async () => {
    await renderRouter(poolUrl(eksGeneral.ref), api());
    const change = await screen.findByText('autoscaling.max');
    const row = change.closest('tr')!;
    expect(row).toHaveTextContent('4 → 5');
    expect(row).toHaveTextContent('updated');
    expect(row).toHaveTextContent('eks-prod');
    expect(row.querySelector('time')).toHaveAttribute('dateTime', '2026-11-08T10:00:00.000Z');
    expect(screen.getByText('labels.team').closest('tr')).toHaveTextContent('— → payments');
    expect(screen.getByText('kubernetesVersion').closest('tr')).toHaveTextContent('1.30 → 1.31');
    expect(screen.getByText('created').closest('tr')).toHaveTextContent('eks-prod');
  });

  it("shows a stale pool's source error in full", async () => {
    await renderRouter(poolUrl(eksSpotArm.ref), api());
    expect(
      await screen.findByText(
        'eks-prod: ThrottlingException: Rate exceeded (after 5 attempts)',
        { selector: 'p' },
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('stale-badge')).toBeInTheDocument();
    expect(await screen.findByText('No changes recorded yet.')).toBeInTheDocument();
  });

  it('says so when the pool does not exist, with a way back', async () => {
    await renderRouter(poolUrl('gke/p/europe-west1/c/gone'), api());
    expect(await screen.findByText('Pool not found')).toBeInTheDocument();
    expect(
      screen.getByText(/No pool has the ref 'gke\/p\/europe-west1\/c\/gone'/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('All pools'));
    expect(await screen.findByTestId('pool-total')).toHaveTextContent('8 pools');
  });

  it('is reached from a card of the pool list', async () => {
    await renderRouter('/nodepools', api());
    const card = (await screen.findAllByTestId('pool-card')).find(
      c => c.getAttribute('data-ref') === eksGeneral.ref,
    )!;
    await userEvent.click(within(card).getByRole('link', { name: 'ng-general' }));
    expect(await screen.findByRole('table', { name: 'Pool fields' })).toBeInTheDocument();
  });
});
