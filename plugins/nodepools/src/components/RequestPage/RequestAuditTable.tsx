import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { RequestAuditEntry } from '@nodepools/plugin-nodepools-common';
import { requestStateLabel } from '../../lib/requestFormat';

const ACTION_LABELS: Record<string, string> = {
  create: 'Created',
  edit: 'Edited',
  submit: 'Submitted',
  approve: 'Approved',
  reject: 'Rejected',
  cancel: 'Cancelled',
  'detect-creating': 'Pool being created',
  'detect-ready': 'Pool ready',
  'detect-failed': 'Pool failed',
  expire: 'Expired',
};

function actorText(actor: string): string {
  return actor === 'system' ? 'the inventory' : actor.replace(/^user:(default\/)?/, '');
}

/** Every transition of the request, oldest first: who, when, what, and their comment. */
export function RequestAuditTable({ entries }: { entries: RequestAuditEntry[] }) {
  return (
    <Table size="small" aria-label="Audit trail" data-testid="request-audit">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Who</TableCell>
          <TableCell>Action</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Comment</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map(entry => (
          <TableRow key={`${entry.at}:${entry.action}`} data-action={entry.action}>
            <TableCell>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString('en-US', { timeZone: 'UTC' })} UTC</time>
            </TableCell>
            <TableCell title={entry.actor}>{actorText(entry.actor)}</TableCell>
            <TableCell>{ACTION_LABELS[entry.action] ?? entry.action}</TableCell>
            <TableCell>
              {entry.from ? `${requestStateLabel(entry.from)} → ` : ''}
              {requestStateLabel(entry.to)}
            </TableCell>
            <TableCell>{entry.comment ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
