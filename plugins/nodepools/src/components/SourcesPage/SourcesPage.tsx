import { useCallback, useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import SyncIcon from '@material-ui/icons/Sync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  ContentHeader,
  Link,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  formatImportIssue,
  nodepoolSourceSyncPermission,
  type SourceStatusInfo,
} from '@nodepools/plugin-nodepools-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { nodePoolsApiRef } from '../../api';
import { errorMessage, formatDuration } from '../../lib/format';
import { rootRouteRef } from '../../routes';
import { PageFrame } from '../PageFrame';
import { ApiErrorPanel } from '../ApiErrorPanel';
import { RelativeTime } from '../RelativeTime';
import { SourceShards } from '../SourceShards';

/** Issues listed per source before the rest is summed up. */
const ISSUES_SHOWN = 5;

function SourceStatus({ source }: { source: SourceStatusInfo }) {
  switch (source.status) {
    case 'removed':
      return (
        <>
          <StatusAborted>Removed from config</StatusAborted>
          {source.tombstoneAt && (
            <Typography variant="caption" display="block" data-testid="source-tombstone-at">
              pools tombstoned <RelativeTime value={source.tombstoneAt} />
            </Typography>
          )}
        </>
      );
    case 'ok':
      return <StatusOK>OK</StatusOK>;
    case 'partial':
      return <StatusWarning>Partial</StatusWarning>;
    case 'error':
      return <StatusError>Error</StatusError>;
    default:
      return <StatusPending>Never run</StatusPending>;
  }
}

function Issues({ issues }: { issues: SourceStatusInfo['issues'] }) {
  if (!issues.length) return <>—</>;
  const more = issues.length - ISSUES_SHOWN;
  return (
    <div>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {issues.slice(0, ISSUES_SHOWN).map((issue, index) => (
          <li key={index}>
            <Typography variant="body2" component="span">
              {formatImportIssue(issue)}
            </Typography>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Typography variant="caption" color="textSecondary">
          {`and ${more} more`}
        </Typography>
      )}
    </div>
  );
}

function when(value: string | undefined) {
  return value ? <RelativeTime value={value} /> : '—';
}

/**
 * The last sync of every configured source: when it ran, how long it took,
 * how many pools it saw, what went wrong, and a button to run it now.
 */
export function SourcesPage() {
  const api = useApi(nodePoolsApiRef);
  const alertApi = useApi(alertApiRef);
  const listLink = useRouteRef(rootRouteRef);
  const sources = useAsyncRetry(() => api.listSources(), [api]);
  const { allowed: canSync } = usePermission({ permission: nodepoolSourceSyncPermission });
  const [syncing, setSyncing] = useState<ReadonlySet<string>>(new Set());
  const { retry } = sources;

  const syncNow = useCallback(
    async (id: string) => {
      setSyncing(prev => new Set(prev).add(id));
      try {
        await api.syncSource(id);
        alertApi.post({
          message: `Sync of ${id} started`,
          severity: 'success',
          display: 'transient',
        });
        retry();
      } catch (error) {
        alertApi.post({
          message: `Sync of ${id} could not be started: ${errorMessage(error)}`,
          severity: 'error',
        });
      } finally {
        setSyncing(prev => {
          const next = new Set(prev);
          next.delete(id);
          return next;
        });
      }
    },
    [api, alertApi, retry],
  );

  const columns: TableColumn<SourceStatusInfo>[] = [
    { title: 'Source', field: 'id' },
    { title: 'Kind', field: 'kind' },
    { title: 'Target', field: 'target' },
    {
      title: 'Status',
      field: 'status',
      render: row => (
        <>
          <SourceStatus source={row} />
          {row.shards && <SourceShards shards={row.shards} />}
        </>
      ),
    },
    { title: 'Last run', field: 'lastRunAt', render: row => when(row.lastRunAt) },
    {
      title: 'Duration',
      field: 'durationMs',
      render: row => (row.durationMs === undefined ? '—' : formatDuration(row.durationMs)),
    },
    { title: 'Pools', field: 'poolCount', type: 'numeric' },
    { title: 'Error', field: 'error', render: row => row.error ?? '—' },
    { title: 'Issues', sorting: false, render: row => <Issues issues={row.issues} /> },
    { title: 'Next run', field: 'nextRunAt', render: row => when(row.nextRunAt) },
  ];
  // Only users who may run syncs see the buttons (nodepool.source.sync).
  if (canSync) {
    columns.push({
      title: 'Actions',
      sorting: false,
      // Long errors and targets squeeze the other columns; the button keeps its width.
      cellStyle: { whiteSpace: 'nowrap', width: '1%' },
      headerStyle: { whiteSpace: 'nowrap' },
      // A removed source has no task to run.
      render: row =>
        row.status === 'removed' ? null : (
          <Button
            size="small"
            variant="outlined"
            startIcon={<SyncIcon />}
            style={{ whiteSpace: 'nowrap' }}
            aria-label={`Sync ${row.id} now`}
            disabled={syncing.has(row.id)}
            onClick={() => syncNow(row.id)}
          >
            Sync now
          </Button>
        ),
    });
  }

  return (
    <PageFrame title="Node pool sources" content={false}>
      <Content>
        <ContentHeader title="Sources">
          <Link to={listLink()}>All pools</Link>
          <Button
            startIcon={<RefreshIcon />}
            onClick={retry}
            disabled={sources.loading}
            style={{ marginLeft: 16 }}
          >
            Refresh
          </Button>
        </ContentHeader>
        {sources.error ? (
          <ApiErrorPanel error={sources.error} />
        ) : (
          <Table<SourceStatusInfo>
            title="Configured sources"
            isLoading={sources.loading && !sources.value}
            columns={columns}
            data={sources.value ?? []}
            options={{ search: false, paging: false, padding: 'dense' }}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                No sources are configured. Add files under nodepools.sources in app-config.yaml.
              </Typography>
            }
          />
        )}
      </Content>
    </PageFrame>
  );
}
