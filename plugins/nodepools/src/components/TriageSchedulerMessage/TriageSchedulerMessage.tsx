import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { SchedulerMessageSummary } from '@nodepools/plugin-nodepools-common';

const useStyles = makeStyles(theme => ({
  raw: {
    margin: 0,
    padding: theme.spacing(1),
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    backgroundColor: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
  },
  reasons: { margin: 0, paddingLeft: theme.spacing(2.5) },
  count: { fontVariantNumeric: 'tabular-nums', fontWeight: theme.typography.fontWeightBold as number },
}));

export interface TriageSchedulerMessageProps {
  /** The message of the pod's last FailedScheduling event, as kube-scheduler wrote it. */
  text: string;
  summary?: SchedulerMessageSummary;
  /** How many pods of the group saw this message, when more than one message differs. */
  pods?: number;
}

function availableText(summary: SchedulerMessageSummary): string | undefined {
  if (summary.total === undefined) return undefined;
  return `${summary.available ?? 0} of ${summary.total} nodes available`;
}

/** kube-scheduler's own words, and what they add up to when they could be parsed. */
export function TriageSchedulerMessage({ text, summary, pods }: TriageSchedulerMessageProps) {
  const classes = useStyles();
  const available = summary && availableText(summary);
  // Messages without per-node counts (scheduling gates) say it all in the raw text.
  const counted = summary?.reasons.filter(reason => reason.count > 0) ?? [];
  return (
    <div data-testid="triage-scheduler-message">
      {pods !== undefined && (
        <Typography variant="caption" color="textSecondary" component="p">
          {`Seen by ${pods} ${pods === 1 ? 'pod' : 'pods'}`}
        </Typography>
      )}
      <pre className={classes.raw} data-testid="triage-scheduler-raw">
        {text}
      </pre>
      {(available || counted.length > 0) && (
        <div data-testid="triage-scheduler-summary">
          {available && (
            <Typography variant="body2" component="p">
              {available}
            </Typography>
          )}
          {counted.length > 0 && (
            <ul className={classes.reasons} aria-label="Scheduler reasons">
              {counted.map((reason, index) => (
                <li key={index}>
                  <Typography variant="body2" component="span">
                    <span className={classes.count}>{reason.count}</span> {reason.text}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
          {summary?.preemption && (
            <Typography variant="caption" color="textSecondary" component="p">
              {`Preemption: ${summary.preemption}`}
            </Typography>
          )}
        </div>
      )}
    </div>
  );
}
