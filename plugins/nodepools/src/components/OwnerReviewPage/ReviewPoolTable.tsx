import Checkbox from '@material-ui/core/Checkbox';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type { IpHeadroom, ReviewPool } from '@nodepools/plugin-nodepools-common';
import { usePoolLink } from '../../hooks/usePoolLink';
import { formatUsd } from '../../lib/requestFormat';
import { SUGGESTION_LABEL } from '../GovernanceFinding';
import { cpuFigures, memoryFigures } from '../GovernancePage/CostTable';
import { surgeText, versionText } from '../GovernancePage/UpgradesSection';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { '& th': { whiteSpace: 'nowrap' }, '& td': { verticalAlign: 'top' } },
});

function ipText(ip: IpHeadroom): string {
  const parts: string[] = [];
  if (ip.podsBeforeExhaustion !== undefined) parts.push(`${ip.podsBeforeExhaustion} more pods before addresses run out`);
  if (ip.podSlotsFree !== undefined) parts.push(`${ip.podSlotsFree} pod slots free on the nodes`);
  if (ip.subnetIpsFree !== undefined) parts.push(`${ip.subnetIpsFree} subnet addresses free`);
  if (ip.prefixDelegationHelps) {
    parts.push(
      ip.maxPodsPerNodeWithPrefixes
        ? `prefix delegation: ${ip.maxPodsPerNode ?? '?'} → ${ip.maxPodsPerNodeWithPrefixes} pods a node`
        : 'prefix delegation would help',
    );
  }
  return parts.length ? parts.join('; ') : 'Not known';
}

function Confirmation({ pool }: { pool: ReviewPool }) {
  const c = pool.confirmation;
  return (
    <div data-testid="review-confirmation" data-due={pool.confirmationDue}>
      {c && (
        <Typography variant="body2">
          {c.handedTo ? `Handed to ${c.handedTo}` : 'Confirmed'} by {c.by} <RelativeTime value={c.at} />
        </Typography>
      )}
      {pool.confirmationDue && (
        <Typography variant="body2" color="error">
          Due: not confirmed in this review period
        </Typography>
      )}
    </div>
  );
}

export interface ReviewPoolTableProps {
  pools: ReviewPool[];
  selected: ReadonlySet<string>;
  /** Pools the user may confirm or hand over; the others cannot be selected. */
  selectable: ReadonlySet<string>;
  onSelect(ref: string, selected: boolean): void;
}

/** The owner's pools: capacity, cost, idle cost, suggestions, IP headroom, upgrade posture and confirmation. */
export function ReviewPoolTable({ pools, selected, selectable, onSelect }: ReviewPoolTableProps) {
  const classes = useStyles();
  const poolLink = usePoolLink();
  return (
    <div className={classes.scroll}>
      <Table size="small" className={classes.table} aria-label="Pools under review">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>Pool</TableCell>
            <TableCell>Capacity</TableCell>
            <TableCell align="right">Monthly cost</TableCell>
            <TableCell align="right">Idle $/month</TableCell>
            <TableCell>Suggestions</TableCell>
            <TableCell>IP headroom</TableCell>
            <TableCell>Upgrade</TableCell>
            <TableCell>Confirmation</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pools.map(pool => {
            const link = poolLink(pool.ref);
            return (
              <TableRow key={pool.ref} data-testid="review-pool" data-ref={pool.ref}>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={selected.has(pool.ref)}
                    disabled={!selectable.has(pool.ref)}
                    onChange={event => onSelect(pool.ref, event.target.checked)}
                    inputProps={{ 'aria-label': `Select ${pool.name}` }}
                  />
                </TableCell>
                <TableCell>
                  {link ? <Link to={link}>{pool.name}</Link> : pool.name}
                  <Typography variant="caption" component="div" color="textSecondary">
                    {pool.cluster} · {pool.capacity.nodes} node{pool.capacity.nodes === 1 ? '' : 's'}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Typography variant="body2">CPU {cpuFigures(pool.capacity)}</Typography>
                  <Typography variant="body2">Memory {memoryFigures(pool.capacity)}</Typography>
                </TableCell>
                <TableCell align="right">
                  {pool.cost.current ? formatUsd(pool.cost.current.monthly) : 'No price'}
                  {pool.costSource === 'opencost' ? ' (OpenCost)' : ''}
                </TableCell>
                <TableCell align="right">{pool.idle ? formatUsd(pool.idle.monthly) : ''}</TableCell>
                <TableCell>
                  {pool.suggestions.map(s => (
                    <Typography key={s.kind} variant="body2" data-testid="review-suggestion" data-kind={s.kind}>
                      <strong>{SUGGESTION_LABEL[s.kind] ?? s.kind}:</strong> {s.message}
                      {s.monthlySaving ? ` (saves ${formatUsd(s.monthlySaving)}/mo)` : ''}
                    </Typography>
                  ))}
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{ipText(pool.ip)}</Typography>
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{versionText(pool.upgrade)}</Typography>
                  <Typography variant="caption" color="textSecondary" component="div">
                    Surge {surgeText(pool.upgrade)}
                    {pool.upgrade.upgradeInProgress ? ' · upgrading now' : ''}
                    {pool.upgrade.endOfSupport ? ` · support ends ${pool.upgrade.endOfSupport.slice(0, 10)}` : ''}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Confirmation pool={pool} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
