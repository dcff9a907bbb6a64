import { useMemo } from 'react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { alpha, makeStyles } from '@material-ui/core/styles';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import RemoveIcon from '@material-ui/icons/Remove';
import { Link } from '@backstage/core-components';
import type { PoolVerdict } from '@nodepools/plugin-nodepools-common';
import { usePoolLink } from '../../hooks/usePoolLink';
import { providerLabel } from '../../lib/format';
import {
  FITS_AFTER_SCALE_UP,
  FITS_NOW,
  reasonColumns,
  sortVerdicts,
  verdictCells,
  type CellStatus,
  type VerdictCell,
} from './verdictCells';

const REASON_LABELS: Record<string, string> = {
  'node-name': 'Node name',
  unschedulable: 'Cordoned',
  taint: 'Taint',
  'node-affinity': 'Node affinity',
  ports: 'Host ports',
  'pod-affinity': 'Pod affinity',
  'pod-anti-affinity': 'Pod anti-affinity',
  'topology-spread': 'Topology spread',
  'volume-zone': 'Volume zone',
  'max-size': 'Max size',
  'ip-exhaustion': 'IP addresses',
};

/** Column heading of a reason code: `Insufficient cpu`, `Taint`. */
export function reasonLabel(code: string): string {
  if (code.startsWith('insufficient:')) {
    return `Insufficient ${code.slice('insufficient:'.length)}`;
  }
  return REASON_LABELS[code] ?? code;
}

const useStyles = makeStyles(theme => ({
  table: {
    '& th, & td': { whiteSpace: 'nowrap' },
  },
  pool: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  cell: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontSize: theme.typography.body2.fontSize,
  },
  pass: {
    backgroundColor: alpha(theme.palette.success.main, 0.16),
    color: theme.palette.type === 'dark' ? theme.palette.success.light : theme.palette.success.dark,
  },
  blocker: {
    backgroundColor: alpha(theme.palette.error.main, 0.16),
    color: theme.palette.type === 'dark' ? theme.palette.error.light : theme.palette.error.dark,
  },
  na: {
    backgroundColor: theme.palette.action.hover,
    color: theme.palette.text.secondary,
  },
  details: { margin: 0, paddingLeft: theme.spacing(2) },
}));

const FITS_TEXT: Record<CellStatus, string> = { pass: 'yes', blocker: 'no', na: 'n/a' };
const REASON_TEXT: Record<CellStatus, string> = { pass: 'pass', blocker: 'blocked', na: 'n/a' };

const STATUS_ICONS: Record<CellStatus, typeof CheckIcon> = {
  pass: CheckIcon,
  blocker: CloseIcon,
  na: RemoveIcon,
};

function CellDetails({ cell }: { cell: VerdictCell }) {
  const classes = useStyles();
  if (cell.details.length === 0) return <>no blocker</>;
  if (cell.details.length === 1) return <>{cell.details[0]}</>;
  return (
    <ul className={classes.details}>
      {cell.details.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

function MatrixCell({ cell }: { cell: VerdictCell }) {
  const classes = useStyles();
  const Icon = STATUS_ICONS[cell.status];
  const isFitColumn = cell.code === FITS_NOW || cell.code === FITS_AFTER_SCALE_UP;
  const text = (isFitColumn ? FITS_TEXT : REASON_TEXT)[cell.status];
  return (
    <TableCell className={classes[cell.status]} data-code={cell.code} data-status={cell.status}>
      <Tooltip title={<CellDetails cell={cell} />} placement="top" arrow>
        <span className={classes.cell}>
          <Icon fontSize="inherit" aria-hidden />
          {text}
        </span>
      </Tooltip>
    </TableCell>
  );
}

export interface TriageVerdictMatrixProps {
  /** The signature the verdicts are for; names the table. */
  signature: string;
  verdicts: PoolVerdict[];
  /** Nodes per pool ref now, from the report's pool summaries. */
  nodesByRef?: ReadonlyMap<string, number>;
  /** The pool the fix points at, marked in its row. */
  suggestedPool?: string;
}

/**
 * Pool by pool: whether the pods fit now and after a scale-up, and a column
 * per kind of blocker seen, coloured and explained on hover.
 */
export function TriageVerdictMatrix({
  signature,
  verdicts,
  nodesByRef,
  suggestedPool,
}: TriageVerdictMatrixProps) {
  const classes = useStyles();
  const poolLink = usePoolLink();
  const columns = useMemo(() => reasonColumns(verdicts), [verdicts]);
  const rows = useMemo(() => sortVerdicts(verdicts), [verdicts]);

  return (
    <TableContainer data-testid="triage-matrix" data-signature={signature}>
      <Table size="small" className={classes.table} aria-label={`Verdicts for ${signature}`}>
        <TableHead>
          <TableRow>
            <TableCell>Pool</TableCell>
            <TableCell data-code={FITS_NOW}>Fits now</TableCell>
            <TableCell data-code={FITS_AFTER_SCALE_UP}>After scale-up</TableCell>
            {columns.map(code => (
              <TableCell key={code} data-code={code} title={code}>
                {reasonLabel(code)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(verdict => {
            const to = poolLink(verdict.ref);
            const cells = verdictCells(verdict, columns, nodesByRef?.get(verdict.ref));
            return (
              <TableRow key={verdict.ref} data-ref={verdict.ref}>
                <TableCell component="th" scope="row">
                  <span className={classes.pool}>
                    {to ? <Link to={to}>{verdict.pool}</Link> : verdict.pool}
                    <Chip size="small" variant="outlined" label={providerLabel(verdict.provider)} />
                    {verdict.pool === suggestedPool && (
                      <Chip size="small" color="primary" label="Suggested" />
                    )}
                  </span>
                </TableCell>
                {cells.map(cell => (
                  <MatrixCell key={cell.code} cell={cell} />
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
