import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  nodepoolDriftAcknowledgePermission,
  type GovernanceFindingRecord,
} from '@nodepools/plugin-nodepools-common';
import { useOwnerReviewLink } from '../../hooks/useGovernanceLinks';
import { usePoolLink } from '../../hooks/usePoolLink';
import { FindingAcknowledgeDialog } from '../FindingAcknowledgeDialog';
import { RelativeTime } from '../RelativeTime';
import { RULE_LABEL } from './labels';
import { SeverityChip } from './SeverityChip';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { '& th': { whiteSpace: 'nowrap' }, '& td': { verticalAlign: 'top' } },
});

/** Acknowledged, resolved, or a button for users allowed to acknowledge the finding's pool. */
function FindingState({ finding, onAcknowledge }: { finding: GovernanceFindingRecord; onAcknowledge(): void }) {
  // A cluster finding is checked against its cluster ref: only policies that allow broadly let it through.
  const { allowed } = usePermission({ permission: nodepoolDriftAcknowledgePermission, resourceRef: finding.subject.ref });
  if (finding.resolvedAt) {
    return (
      <Typography variant="body2">
        Resolved <RelativeTime value={finding.resolvedAt} />
      </Typography>
    );
  }
  const ack = finding.acknowledgement;
  if (ack) {
    return (
      <Typography variant="body2" data-testid="finding-acknowledgement">
        Acknowledged by {ack.by}: {ack.reason}
        {ack.expiresAt ? ` (until ${ack.expiresAt.slice(0, 10)})` : ''}
      </Typography>
    );
  }
  if (!allowed) {
    return (
      <Typography variant="body2" color="textSecondary" title={`Acknowledging needs ${nodepoolDriftAcknowledgePermission.name}`}>
        Open
      </Typography>
    );
  }
  return (
    <Button size="small" variant="outlined" onClick={onAcknowledge}>
      Acknowledge
    </Button>
  );
}

export interface FindingsTableProps {
  findings: GovernanceFindingRecord[];
  /** Called after a finding was acknowledged, to reload what depends on it. */
  onChanged(): void;
  /** Leave out the owner column (the owner's own review). */
  hideOwner?: boolean;
}

/** Findings with severity, rule, subject, message, fix and state; open ones can be acknowledged. */
export function FindingsTable({ findings, onChanged, hideOwner }: FindingsTableProps) {
  const classes = useStyles();
  const poolLink = usePoolLink();
  const reviewLink = useOwnerReviewLink();
  const [acknowledging, setAcknowledging] = useState<GovernanceFindingRecord>();
  return (
    <div className={classes.scroll}>
      <Table size="small" className={classes.table} aria-label="Findings">
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Rule</TableCell>
            <TableCell>Pool or cluster</TableCell>
            {!hideOwner && <TableCell>Owner</TableCell>}
            <TableCell>Finding</TableCell>
            <TableCell>Fix</TableCell>
            <TableCell>First seen</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {findings.map(finding => {
            const pool = finding.subject.kind === 'pool' ? poolLink(finding.subject.ref) : undefined;
            const review = finding.owner ? reviewLink(finding.owner) : undefined;
            return (
              <TableRow key={finding.id} data-testid="governance-finding" data-rule={finding.rule} data-subject={finding.subject.ref}>
                <TableCell>
                  <SeverityChip severity={finding.severity} />
                </TableCell>
                <TableCell>{RULE_LABEL[finding.rule] ?? finding.rule}</TableCell>
                <TableCell>{pool ? <Link to={pool}>{finding.subject.ref}</Link> : finding.subject.ref}</TableCell>
                {!hideOwner && (
                  <TableCell>
                    {finding.owner && review && <Link to={review}>{finding.owner}</Link>}
                    {finding.owner && !review && finding.owner}
                    {!finding.owner && (
                      <Typography variant="body2" color="textSecondary" component="span">
                        No owner
                      </Typography>
                    )}
                  </TableCell>
                )}
                <TableCell>{finding.message}</TableCell>
                <TableCell>{finding.fix}</TableCell>
                <TableCell>
                  <RelativeTime value={finding.firstSeenAt} />
                </TableCell>
                <TableCell>
                  <FindingState finding={finding} onAcknowledge={() => setAcknowledging(finding)} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <FindingAcknowledgeDialog
        finding={acknowledging}
        onClose={() => setAcknowledging(undefined)}
        onAcknowledged={() => {
          setAcknowledging(undefined);
          onChanged();
        }}
      />
    </div>
  );
}
