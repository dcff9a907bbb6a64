import Typography from '@material-ui/core/Typography';
import { Link, Table, type TableColumn } from '@backstage/core-components';
import type { TriageClusterSummary } from '@nodepools/plugin-nodepools-common';
import { RelativeTime } from '../RelativeTime';
import { clusterLocation } from '../TriageClusterPicker';

/** Clusters per page of the table; beyond it, the table pages. */
const PAGE_SIZE = 20;

export interface TriageClusterTableProps {
  clusters: TriageClusterSummary[];
  /** Link to one cluster's triage, by its cluster ref. */
  clusterLink(clusterRef: string): string;
}

/** Every cluster with a triage, most pending pods first. */
export function TriageClusterTable({ clusters, clusterLink }: TriageClusterTableProps) {
  const rows = [...clusters].sort(
    (a, b) =>
      b.pendingPods - a.pendingPods ||
      a.cluster.localeCompare(b.cluster) ||
      a.clusterRef.localeCompare(b.clusterRef),
  );
  const columns: TableColumn<TriageClusterSummary>[] = [
    {
      title: 'Cluster',
      field: 'cluster',
      render: row => <Link to={clusterLink(row.clusterRef)}>{row.cluster}</Link>,
    },
    {
      title: 'Where',
      field: 'clusterRef',
      render: row => clusterLocation(row),
    },
    { title: 'Pending pods', field: 'pendingPods', type: 'numeric' },
    {
      title: 'Collected',
      field: 'collectedAt',
      render: row => (row.collectedAt ? <RelativeTime value={row.collectedAt} /> : 'Never'),
    },
    { title: 'Source', field: 'source' },
    {
      title: 'Last collection',
      field: 'error',
      render: row =>
        row.error ? (
          <Typography variant="body2" color="error">
            {row.error}
          </Typography>
        ) : (
          'OK'
        ),
    },
  ];
  return (
    <Table<TriageClusterSummary>
      title="Clusters with pending-pod triage"
      columns={columns}
      data={rows}
      options={{
        search: rows.length > PAGE_SIZE,
        paging: rows.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        padding: 'dense',
      }}
    />
  );
}
