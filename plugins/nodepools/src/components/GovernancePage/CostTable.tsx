import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type { CapacityFigures, CostGroupBy, CostRollup } from '@nodepools/plugin-nodepools-common';
import { useOwnerReviewLink } from '../../hooks/useGovernanceLinks';
import { formatBytes, formatCores, providerLabel } from '../../lib/format';
import { formatUsd } from '../../lib/requestFormat';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { '& th': { whiteSpace: 'nowrap' }, '& td': { verticalAlign: 'top' } },
  total: { '& td': { fontWeight: 'bold' } },
});

/** `6 / 12 (3.5 used)` cores. */
export function cpuFigures(capacity: CapacityFigures): string {
  const used = capacity.used?.cpu !== undefined ? ` (${formatCores(capacity.used.cpu)} used)` : '';
  return `${formatCores(capacity.requested.cpu ?? 0)} / ${formatCores(capacity.allocatable.cpu ?? 0)}${used}`;
}

export function memoryFigures(capacity: CapacityFigures): string {
  const used = capacity.used?.memory !== undefined ? ` (${formatBytes(capacity.used.memory)} used)` : '';
  return `${formatBytes(capacity.requested.memory ?? 0)} / ${formatBytes(capacity.allocatable.memory ?? 0)}${used}`;
}

const GROUP_HEADING: Record<CostGroupBy, string> = { owner: 'Owner', cluster: 'Cluster', provider: 'Cloud' };

/** The key of the group of pools without owner. */
const UNOWNED_KEY = '-';

/** How a group's key reads: a cloud's name for providers, "No owner" for the unowned, the ref otherwise. */
export function groupLabel(groupBy: CostGroupBy, key: string): string {
  if (groupBy === 'owner' && key === UNOWNED_KEY) return 'No owner';
  return groupBy === 'provider' ? providerLabel(key) : key;
}

function money(rollup: CostRollup, amount: number): string {
  return `${formatUsd(amount)}${rollup.estimated ? ' (est.)' : ''}`;
}

function Row(props: { rollup: CostRollup; groupBy: CostGroupBy; label?: string; className?: string }) {
  const { rollup, groupBy, label, className } = props;
  const reviewLink = useOwnerReviewLink();
  const review = groupBy === 'owner' && rollup.key.includes(':') ? reviewLink(rollup.key) : undefined;
  return (
    <TableRow className={className} data-testid="cost-row" data-key={rollup.key}>
      <TableCell>{review ? <Link to={review}>{rollup.key}</Link> : label ?? groupLabel(groupBy, rollup.key)}</TableCell>
      <TableCell align="right">{rollup.pools}</TableCell>
      <TableCell align="right">{rollup.capacity.nodes}</TableCell>
      <TableCell>{cpuFigures(rollup.capacity)}</TableCell>
      <TableCell>{memoryFigures(rollup.capacity)}</TableCell>
      <TableCell align="right">{money(rollup, rollup.monthlyCost)}</TableCell>
      <TableCell align="right">{money(rollup, rollup.idleMonthly)}</TableCell>
      <TableCell align="right">{rollup.unpricedPools || ''}</TableCell>
    </TableRow>
  );
}

/** Cost, idle cost and capacity (requested / allocatable, and used where measured) per group, with the total. */
export function CostTable({ items, total, groupBy }: { items: CostRollup[]; total?: CostRollup; groupBy: CostGroupBy }) {
  const classes = useStyles();
  return (
    <div className={classes.scroll}>
      <Table size="small" className={classes.table} aria-label="Costs">
        <TableHead>
          <TableRow>
            <TableCell>{GROUP_HEADING[groupBy]}</TableCell>
            <TableCell align="right">Pools</TableCell>
            <TableCell align="right">Nodes</TableCell>
            <TableCell>CPU requested / allocatable</TableCell>
            <TableCell>Memory requested / allocatable</TableCell>
            <TableCell align="right">Monthly cost</TableCell>
            <TableCell align="right">Idle $/month</TableCell>
            <TableCell align="right">Unpriced pools</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(rollup => (
            <Row key={rollup.key} rollup={rollup} groupBy={groupBy} />
          ))}
          {total && <Row rollup={total} groupBy={groupBy} label="Total" className={classes.total} />}
        </TableBody>
      </Table>
    </div>
  );
}
