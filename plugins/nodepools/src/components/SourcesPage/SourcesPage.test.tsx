import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeNodePoolsApi } from '../../__testUtils__/FakeNodePoolsApi';
import { SOURCES } from '../../__testUtils__/pools';
import { renderRouter } from '../../__testUtils__/renderRouter';

function sourceRow(id: string) {
  return screen.getByText(id, { selector: 'td' }).closest('tr')!;
}

describe('SourcesPage', () => {
  it('shows the last sync of every source', async () => {
    await renderRouter('/nodepools/sources', new FakeNodePoolsApi([], {}, {}, SOURCES));
    await screen.findByText('eks-prod', { selector: 'td' });

    const files = sourceRow('files');
    expect(files).toHaveTextContent('file');
    expect(files).toHaveTextContent('3 files under ./examples/inventory');
    expect(files).toHaveTextContent('Partial');
    expect(files).toHaveTextContent('420 ms');
    expect(files).toHaveTextContent('61');
    expect(files).toHaveTextContent(
      "examples/inventory/broken.json: item 2: field 'scalingConfig.maxSize': expected a number, got \"five\"",
    );
    const times = [...files.querySelectorAll('time')].map(t => t.getAttribute('dateTime'));
    expect(times).toEqual(['2026-11-10T11:30:00.000Z', '2026-11-10T11:35:00.000Z']);

    const eks = sourceRow('eks-prod');
    expect(eks).toHaveTextContent('Error');
    expect(eks).toHaveTextContent('31.5 s');
    expect(eks).toHaveTextContent('ThrottlingException: Rate exceeded (after 5 attempts)');

    expect(sourceRow('gke-ml')).toHaveTextContent('Never run');
  });

  it('lists a sharded source once, with the last run of each shard', async () => {
    const sharded = {
      id: 'eks-fleet',
      kind: 'eks',
      target: 'account 111122223333 in 4 regions',
      status: 'partial' as const,
      lastRunAt: '2026-11-10T11:34:00.000Z',
      poolCount: 900,
      issues: [],
      error: 'shard 2/3: AccessDenied',
      shards: [
        { shard: '1/3', status: 'ok' as const, lastRunAt: '2026-11-10T11:30:00.000Z' },
        { shard: '2/3', status: 'error' as const, lastRunAt: '2026-11-10T11:34:00.000Z', error: 'AccessDenied' },
        { shard: '3/3', status: 'never' as const },
      ],
    };
    await renderRouter('/nodepools/sources', new FakeNodePoolsApi([], {}, {}, [...SOURCES, sharded]));
    await screen.findByText('eks-fleet', { selector: 'td' });
    const row = sourceRow('eks-fleet');
    expect(row).toHaveTextContent('Partial');
    expect(within(row).getAllByTestId('source-shard').map(li => li.textContent?.replace(/ran .*? ago|ran in .*?(?= \(|$)/, 'ran <when>'))).toEqual([
      'shard 1/3: OK, ran <when>',
      'shard 2/3: error, ran <when> (AccessDenied)',
      'shard 3/3: not run yet',
    ]);
    expect(screen.getAllByRole('button', { name: 'Sync eks-fleet now' })).toHaveLength(1);
  });

  it('lists a source removed from config with when its pools are tombstoned, and no sync', async () => {
    const removed = {
      id: 'eks-legacy',
      kind: 'eks',
      target: 'account 999988887777',
      status: 'removed' as const,
      lastRunAt: '2026-11-09T11:30:00.000Z',
      lastSuccessAt: '2026-11-09T11:30:00.000Z',
      poolCount: 4,
      issues: [],
      removedAt: '2026-11-10T09:00:00.000Z',
      tombstoneAt: '2026-11-11T09:00:00.000Z',
    };
    await renderRouter('/nodepools/sources', new FakeNodePoolsApi([], {}, {}, [...SOURCES, removed]));
    await screen.findByText('eks-legacy', { selector: 'td' });
    const row = sourceRow('eks-legacy');
    expect(row).toHaveTextContent('Removed from config');
    expect(within(row).getByTestId('source-tombstone-at').querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-11T09:00:00.000Z',
    );
    expect(within(row).queryByRole('button', { name: /Sync/ })).not.toBeInTheDocument();
    expect(within(sourceRow('eks-prod')).getByRole('button', { name: 'Sync eks-prod now' })).toBeInTheDocument();
  });

  it('starts a sync on request and reports it', async () => {
    const api = new FakeNodePoolsApi([], {}, {}, SOURCES);
    const { alertApi } = await renderRouter('/nodepools/sources', api);
    await screen.findByText('eks-prod', { selector: 'td' });

    await userEvent.click(
      within(sourceRow('eks-prod')).getByRole('button', { name: 'Sync eks-prod now' }),
    );
    await waitFor(() => expect(api.syncedSources).toEqual(['eks-prod']));
    await waitFor(() =>
      expect(alertApi.getAlerts()).toEqual([
        expect.objectContaining({ message: 'Sync of eks-prod started', severity: 'success' }),
      ]),
    );
  });

  it('reports a sync that could not start', async () => {
    const api = new FakeNodePoolsApi([], {}, {}, SOURCES);
    const { alertApi } = await renderRouter('/nodepools/sources', api);
    await screen.findByText('files', { selector: 'td' });
    api.failure = new Error('Missing credentials');

    await userEvent.click(screen.getByRole('button', { name: 'Sync files now' }));
    await waitFor(() =>
      expect(alertApi.getAlerts()).toEqual([
        expect.objectContaining({
          message: 'Sync of files could not be started: Missing credentials',
          severity: 'error',
        }),
      ]),
    );
  });

  it('shows why the sources could not be read', async () => {
    const api = new FakeNodePoolsApi([], {}, {}, SOURCES);
    api.failure = new Error('backend unavailable');
    await renderRouter('/nodepools/sources', api);
    expect((await screen.findAllByText(/backend unavailable/)).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /Sync .* now/ })).not.toBeInTheDocument();
  });
});
