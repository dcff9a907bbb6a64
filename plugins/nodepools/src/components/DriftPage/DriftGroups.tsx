import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Link } from '@backstage/core-components';
import type { DriftGroupCount } from '@nodepools/plugin-nodepools-common';

/** Counts of one grouping (cause, owner, cluster), each key a link that filters the findings below. */
export function DriftGroups({
  title,
  groups,
  label = key => key,
  linkTo,
}: {
  title: string;
  groups: DriftGroupCount[];
  label?: (key: string) => string;
  linkTo(key: string): string;
}) {
  return (
    <Table size="small" aria-label={`Drift by ${title}`}>
      <TableHead>
        <TableRow>
          <TableCell>{title}</TableCell>
          <TableCell align="right">Open</TableCell>
          <TableCell align="right">Acknowledged</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.map(group => (
          <TableRow key={group.key}>
            <TableCell>
              <Link to={linkTo(group.key)}>{label(group.key)}</Link>
            </TableCell>
            <TableCell align="right">{group.open}</TableCell>
            <TableCell align="right">{group.acknowledged}</TableCell>
          </TableRow>
        ))}
        {!groups.length && (
          <TableRow>
            <TableCell colSpan={3}>No open drift</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}
