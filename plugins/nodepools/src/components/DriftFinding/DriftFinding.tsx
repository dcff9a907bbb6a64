import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { describeDriftValue, type DriftFindingRecord } from '@nodepools/plugin-nodepools-common';
import { SEVERITY_LABEL } from '../DriftBadge';
import { RelativeTime } from '../RelativeTime';
import { DriftResolution } from './DriftResolution';
import { CAUSE_LABEL, originHref } from './labels';

const useStyles = makeStyles(theme => ({
  quiet: { opacity: 0.6 },
  header: { display: 'flex', gap: theme.spacing(1), alignItems: 'center', flexWrap: 'wrap' },
  sides: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0),
    '& pre': { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  },
  side: { padding: theme.spacing(1), border: `1px solid ${theme.palette.divider}`, borderRadius: theme.shape.borderRadius },
  resolutions: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: theme.spacing(2), marginTop: theme.spacing(1) },
  high: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  medium: { backgroundColor: theme.palette.warning.main, color: theme.palette.warning.contrastText },
  low: { backgroundColor: theme.palette.info.light, color: theme.palette.info.contrastText },
}));

function Side({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const classes = useStyles();
  return (
    <div className={classes.side} data-testid={testId}>
      <Typography variant="overline">{title}</Typography>
      <pre>{describeDriftValue(value)}</pre>
    </div>
  );
}

function Origin({ finding }: { finding: DriftFindingRecord }) {
  if (!finding.origin) {
    return <Typography variant="body2">Source: not declared in any desired-state source</Typography>;
  }
  const { source, address, format } = finding.origin;
  const href = originHref(source);
  return (
    <Typography variant="body2" data-testid="drift-origin">
      Source ({format}): {href ? <Link to={href}>{source}</Link> : <code>{source}</code>} at <code>{address}</code>
    </Typography>
  );
}

export interface DriftFindingProps {
  finding: DriftFindingRecord;
  /** Opens the acknowledge dialog; no button without it. */
  onAcknowledge?(finding: DriftFindingRecord): void;
}

/**
 * One finding: what differs (desired and actual side by side), where the
 * desired value comes from, both ways out (revert the cloud, adopt in the
 * IaC) with copy buttons, and its acknowledgement. Acknowledged findings
 * stay visible, quiet.
 */
export function DriftFinding({ finding, onAcknowledge }: DriftFindingProps) {
  const classes = useStyles();
  const ack = finding.acknowledgement;
  return (
    <Card
      variant="outlined"
      className={finding.state === 'open' ? undefined : classes.quiet}
      data-testid="drift-finding"
      data-id={finding.id}
      data-state={finding.state}
      data-cause={finding.cause}
    >
      <CardContent>
        <div className={classes.header}>
          <Chip size="small" label={SEVERITY_LABEL[finding.severity]} className={classes[finding.severity]} />
          <Typography variant="subtitle1" component="h3">
            {CAUSE_LABEL[finding.cause]} · {finding.field}
          </Typography>
          {finding.stale && <Chip size="small" variant="outlined" label="Stale" title={finding.staleReason} />}
          <Typography variant="caption" color="textSecondary">
            first seen <RelativeTime value={finding.firstSeenAt} />, last seen <RelativeTime value={finding.lastSeenAt} />
          </Typography>
        </div>
        <Typography variant="body2">{finding.message}</Typography>
        <div className={classes.sides}>
          <Side title="Desired (IaC)" value={finding.desired} testId="drift-desired" />
          <Side title="Actual (cloud and nodes)" value={finding.actual} testId="drift-actual" />
        </div>
        <Origin finding={finding} />
        <div className={classes.resolutions}>
          <DriftResolution title="Revert the cloud" resolution={finding.revert} testId="drift-revert" />
          <DriftResolution title="Adopt in the IaC" resolution={finding.adopt} testId="drift-adopt" />
        </div>
        {ack && finding.state === 'acknowledged' && (
          <Typography variant="body2" data-testid="drift-acknowledgement">
            Acknowledged by {ack.by} <RelativeTime value={ack.at} />: {ack.reason}
            {ack.until ? ` (until ${ack.until.slice(0, 10)})` : ''}
          </Typography>
        )}
        {ack && finding.state === 'open' && ack.until && (
          <Typography variant="caption" color="textSecondary">
            The acknowledgement by {ack.by} lapsed on {ack.until.slice(0, 10)}.
          </Typography>
        )}
        {finding.state === 'open' && onAcknowledge && (
          <Button size="small" variant="outlined" onClick={() => onAcknowledge(finding)}>
            Acknowledge
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
