import { Table, type TableColumn } from '@backstage/core-components';
import type { PoolHistoryEntry } from '@nodepools/plugin-nodepools-common';
import { formatValue } from '../../lib/format';
import { RelativeTime } from '../RelativeTime';

interface ChangeRow {
  id: string;
  at: string;
  event: string;
  source: string;
  field: string;
  before: string;
  after: string;
}

/** One row per changed field; an event without field changes keeps one row. */
function toRows(entries: PoolHistoryEntry[]): ChangeRow[] {
  return entries.flatMap(entry => {
    const base = { at: entry.at, event: entry.event, source: entry.source };
    if (!entry.changes.length) {
      return [{ ...base, id: `${entry.id}`, field: '—', before: '', after: '' }];
    }
    return entry.changes.map((change, index) => ({
      ...base,
      id: `${entry.id}-${index}`,
      field: change.field,
      before: formatValue(change.before),
      after: formatValue(change.after),
    }));
  });
}

const columns: TableColumn<ChangeRow>[] = [
  { title: 'Field', field: 'field' },
  {
    title: 'Change',
    render: row => (row.before || row.after ? `${row.before} → ${row.after}` : ''),
  },
  { title: 'Event', field: 'event' },
  { title: 'Source', field: 'source' },
  { title: 'Time', field: 'at', render: row => <RelativeTime value={row.at} /> },
];

/** The pool's field-level changes, newest first as the API returns them. */
export function PoolHistoryTable({ entries }: { entries: PoolHistoryEntry[] }) {
  const rows = toRows(entries);
  return (
    <Table<ChangeRow>
      title="History"
      columns={columns}
      data={rows}
      options={{
        search: false,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
        sorting: false,
      }}
      emptyContent={<div style={{ padding: 16 }}>No changes recorded yet.</div>}
    />
  );
}
