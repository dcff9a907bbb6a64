import { memo } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { makeStyles } from '@material-ui/core/styles';
import { REQUEST_KIND_PROFILES, type PoolRequest } from '@nodepools/plugin-nodepools-common';
import { useRequestLink } from '../../hooks/useRequestLinks';
import { formatRelativeTime } from '../../lib/format';
import { requestStateLabel, requestStateStatus } from '../../lib/requestFormat';

// One style sheet for the whole table: an approval queue holds hundreds of
// rows, and a styled component per cell would cost more than the rows.
const useStyles = makeStyles(theme => ({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    ...theme.typography.body2,
    '& th': {
      textAlign: 'left',
      fontWeight: theme.typography.fontWeightMedium,
      color: theme.palette.text.secondary,
      padding: theme.spacing(1, 1.5),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    '& td': {
      padding: theme.spacing(0.75, 1.5),
      borderBottom: `1px solid ${theme.palette.divider}`,
      verticalAlign: 'top',
    },
    '& a': { color: theme.palette.primary.main, fontWeight: 500 },
  },
  state: {
    whiteSpace: 'nowrap',
    '&::before': {
      content: '""',
      display: 'inline-block',
      width: 8,
      height: 8,
      borderRadius: '50%',
      marginRight: theme.spacing(0.75),
      background: theme.palette.grey[500],
    },
  },
  ok: { '&::before': { background: theme.palette.success.main } },
  pending: { '&::before': { background: theme.palette.info.main } },
  running: { '&::before': { background: theme.palette.info.dark } },
  warning: { '&::before': { background: theme.palette.warning.main } },
  error: { '&::before': { background: theme.palette.error.main } },
  aborted: {},
}));

type Classes = ReturnType<typeof useStyles>;

function sizeText(request: PoolRequest): string {
  const { autoscaling, nodeCount } = request.spec;
  return autoscaling ? `${autoscaling.min}–${autoscaling.max}` : String(nodeCount ?? 0);
}

const Row = memo(function RequestRow({ request, link, classes }: { request: PoolRequest; link?: string; classes: Classes }) {
  const { spec } = request;
  const status = requestStateStatus(request.state);
  return (
    <tr data-testid="request-row" data-id={request.id}>
      <td>{link ? <RouterLink to={link}>{spec.name}</RouterLink> : spec.name}</td>
      <td>{REQUEST_KIND_PROFILES[spec.kind]?.title ?? spec.kind}</td>
      <td title={spec.cluster}>{spec.cluster.split('/').pop()}</td>
      <td>{spec.machineTypes.join(', ')}</td>
      <td>{sizeText(request)}</td>
      <td>{spec.owner.replace(/^group:(default\/)?/, '')}</td>
      <td>{request.requester.replace(/^user:(default\/)?/, '')}</td>
      <td>
        <span className={`${classes.state} ${classes[status]}`} data-testid="request-row-state" data-state={request.state}>
          {requestStateLabel(request.state)}
        </span>
      </td>
      <td>
        <time dateTime={request.updatedAt} title={request.updatedAt}>
          {formatRelativeTime(request.updatedAt)}
        </time>
      </td>
    </tr>
  );
});

/** Requests as a table, one row each, linking to their pages. */
export function RequestTable({ requests }: { requests: PoolRequest[] }) {
  const classes = useStyles();
  const requestLink = useRequestLink();
  return (
    <table className={classes.table} aria-label="Pool requests">
      <thead>
        <tr>
          <th>Pool</th>
          <th>Kind</th>
          <th>Cluster</th>
          <th>Machine types</th>
          <th>Nodes</th>
          <th>Owner</th>
          <th>Requester</th>
          <th>State</th>
          <th>Updated</th>
        </tr>
      </thead>
      <tbody>
        {requests.map(r => (
          <Row key={r.id} request={r} link={requestLink(r.id)} classes={classes} />
        ))}
      </tbody>
    </table>
  );
}
