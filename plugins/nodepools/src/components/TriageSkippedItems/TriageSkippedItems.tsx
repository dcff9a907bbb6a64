import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import type { SkippedItem } from '@nodepools/plugin-nodepools-common';

const useStyles = makeStyles({
  field: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
});

/** Items of the input that were left out of the analysis, and why. */
export function TriageSkippedItems({ items }: { items: SkippedItem[] }) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Skipped items">
      <TableHead>
        <TableRow>
          <TableCell>Object</TableCell>
          <TableCell>Field</TableCell>
          <TableCell>Problem</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((item, index) => (
          <TableRow key={index} data-testid="triage-skipped">
            <TableCell>
              {item.object}
              {item.index !== undefined && item.object !== `${item.list} item ${item.index}`
                ? ` (${item.list} item ${item.index})`
                : ''}
            </TableCell>
            <TableCell className={classes.field}>{item.field}</TableCell>
            <TableCell>{item.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
