import { memo } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Link } from '@backstage/core-components';
import { REQUEST_KIND_PROFILES, type PoolRequest } from '@nodepools/plugin-nodepools-common';
import { useRequestLink } from '../../hooks/useRequestLinks';
import { RelativeTime } from '../RelativeTime';
import { RequestStateChip } from '../RequestPage/RequestStateChip';

function sizeText(request: PoolRequest): string {
  const { autoscaling, nodeCount } = request.spec;
  return autoscaling ? `${autoscaling.min}–${autoscaling.max}` : String(nodeCount ?? 0);
}

const Row = memo(function RequestRow({ request, link }: { request: PoolRequest; link?: string }) {
  const { spec } = request;
  return (
    <TableRow data-testid="request-row" data-id={request.id}>
      <TableCell>{link ? <Link to={link}>{spec.name}</Link> : spec.name}</TableCell>
      <TableCell>{REQUEST_KIND_PROFILES[spec.kind]?.title ?? spec.kind}</TableCell>
      <TableCell title={spec.cluster}>{spec.cluster.split('/').pop()}</TableCell>
      <TableCell>{spec.machineTypes.join(', ')}</TableCell>
      <TableCell>{sizeText(request)}</TableCell>
      <TableCell>{spec.owner.replace(/^group:(default\/)?/, '')}</TableCell>
      <TableCell>{request.requester.replace(/^user:(default\/)?/, '')}</TableCell>
      <TableCell>
        <RequestStateChip state={request.state} />
      </TableCell>
      <TableCell>
        <RelativeTime value={request.updatedAt} />
      </TableCell>
    </TableRow>
  );
});

/** Requests as a table, one row each, linking to their pages. */
export function RequestTable({ requests }: { requests: PoolRequest[] }) {
  const requestLink = useRequestLink();
  return (
    <Table size="small" aria-label="Pool requests">
      <TableHead>
        <TableRow>
          <TableCell>Pool</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Cluster</TableCell>
          <TableCell>Machine types</TableCell>
          <TableCell>Nodes</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Requester</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Updated</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {requests.map(r => (
          <Row key={r.id} request={r} link={requestLink(r.id)} />
        ))}
      </TableBody>
    </Table>
  );
}
