import type { ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type { PoolListItem } from '@nodepools/plugin-nodepools-common';
import { usePoolLink } from '../../hooks/usePoolLink';
import { capacityTypeLabel, nodeCountLabel, providerLabel } from '../../lib/format';
import { CapacityBar } from '../CapacityBar';
import { ObservedNodesSummary } from '../ObservedNodesSummary';
import { OwnerLink } from '../OwnerLink';
import { PoolFindings } from '../PoolFindings';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { '& th': { whiteSpace: 'nowrap' }, '& td': { verticalAlign: 'top' } },
  capacity: { minWidth: 160 },
});

/** A column of the table: its heading and what a pool's cell shows. */
export interface PoolColumn {
  title: string;
  render(pool: PoolListItem): ReactNode;
}

/** Columns the entity cards share. */
export const POOL_COLUMNS = {
  cluster: { title: 'Cluster', render: (p: PoolListItem) => p.cluster },
  cloud: {
    title: 'Cloud',
    render: (p: PoolListItem) => [providerLabel(p.provider), p.region].filter(Boolean).join(' · '),
  },
  capacityType: { title: 'Capacity type', render: (p: PoolListItem) => capacityTypeLabel(p.capacityType) },
  owner: {
    title: 'Owner',
    render: (p: PoolListItem) => <OwnerLink owner={p.owner} ownerSource={p.ownerSource} />,
  },
  nodes: {
    title: 'Nodes',
    render: (p: PoolListItem) => (
      <>
        <Typography variant="body2" component="div">
          {nodeCountLabel(p.nodeCount, p.autoscaling)}
        </Typography>
        {p.observed && <ObservedNodesSummary nodeCount={p.nodeCount} observed={p.observed} />}
      </>
    ),
  },
  capacity: {
    title: 'Capacity',
    render: (p: PoolListItem) =>
      p.observed ? (
        <CapacityBar requested={p.observed.requested} allocatable={p.observed.allocatable} />
      ) : (
        <Typography variant="caption" color="textSecondary">
          Not observed
        </Typography>
      ),
  },
} satisfies Record<string, PoolColumn>;

/**
 * The pools of an entity card, one row each: the pool's name (a link to
 * its page when the app mounts it) with its findings, then the columns.
 */
export function EntityPoolTable({ pools, columns }: { pools: PoolListItem[]; columns: PoolColumn[] }) {
  const classes = useStyles();
  const poolLink = usePoolLink();
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label="Node pools" className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell>Pool</TableCell>
            {columns.map(column => (
              <TableCell key={column.title}>{column.title}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {pools.map(pool => {
            const to = poolLink(pool.ref);
            return (
              <TableRow key={pool.ref} data-testid="entity-pool-row" data-ref={pool.ref}>
                <TableCell>
                  <div>{to ? <Link to={to}>{pool.name}</Link> : pool.name}</div>
                  <PoolFindings pool={pool} />
                </TableCell>
                {columns.map(column => (
                  <TableCell
                    key={column.title}
                    className={column.title === 'Capacity' ? classes.capacity : undefined}
                  >
                    {column.render(pool)}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
