import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { PodTriageState, TriagePod } from '@nodepools/plugin-nodepools-common';
import { TriageFixPanel } from '../TriageFixPanel';
import type { TriageGroup, UnexplainedPools } from '../TriageReportView/triageGroups';
import { TriageSchedulerMessage } from '../TriageSchedulerMessage';
import { TriageVerdictMatrix } from '../TriageVerdictMatrix';

/** Pods listed per group before "Show all". */
export const PODS_SHOWN = 20;
/** Distinct scheduler messages shown per group. */
const MESSAGES_SHOWN = 3;
/** Pod names listed under a fix that is not for the whole group. */
const FIX_PODS_NAMED = 5;

const STATE_LABELS: Record<PodTriageState, string> = {
  unscheduled: 'Unscheduled',
  'ip-exhaustion': 'IP exhaustion',
  'missing-node': 'Missing node',
};

const useStyles = makeStyles(theme => ({
  content: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  heading: { display: 'flex', alignItems: 'baseline', gap: theme.spacing(1), flexWrap: 'wrap' },
  chips: { display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' },
  pods: { listStyle: 'none', margin: 0, padding: 0 },
  pod: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    padding: theme.spacing(0.25, 0),
    ...theme.typography.body2,
  },
  podName: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
  ipExhaustion: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.warning.contrastText,
  },
  section: { marginBottom: theme.spacing(0.5) },
}));

function StateChip({ state }: { state: PodTriageState }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant={state === 'unscheduled' ? 'outlined' : 'default'}
      className={state === 'ip-exhaustion' ? classes.ipExhaustion : undefined}
      label={STATE_LABELS[state] ?? state}
      data-testid="triage-pod-state"
    />
  );
}

function PodRow({ pod }: { pod: TriagePod }) {
  const classes = useStyles();
  return (
    <li className={classes.pod} data-testid="triage-pod" data-state={pod.state}>
      <span className={classes.podName}>{`${pod.namespace}/${pod.name}`}</span>
      <StateChip state={pod.state} />
      {pod.schedulingGates?.map(gate => (
        <Chip key={gate} size="small" variant="outlined" label={`gate ${gate}`} />
      ))}
    </li>
  );
}

function PodList({ pods }: { pods: TriagePod[] }) {
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? pods : pods.slice(0, PODS_SHOWN);
  return (
    <div>
      <ul className={classes.pods} aria-label="Pods">
        {shown.map(pod => (
          <PodRow key={`${pod.namespace}/${pod.name}`} pod={pod} />
        ))}
      </ul>
      {shown.length < pods.length && (
        <Button size="small" onClick={() => setShowAll(true)}>
          {`Show all ${pods.length.toLocaleString('en-US')} pods`}
        </Button>
      )}
    </div>
  );
}

function fixPodNames(pods: TriagePod[]): string[] {
  const names = pods.slice(0, FIX_PODS_NAMED).map(p => `${p.namespace}/${p.name}`);
  const more = pods.length - names.length;
  return more > 0 ? [...names, `${more} more`] : names;
}

function SectionTitle({ children }: { children: string }) {
  const classes = useStyles();
  return (
    <Typography variant="subtitle2" component="h4" className={classes.section}>
      {children}
    </Typography>
  );
}

function GroupHeading({ group }: { group: TriageGroup }) {
  const classes = useStyles();
  const count = `${group.pods.length.toLocaleString('en-US')} ${group.pods.length === 1 ? 'pod' : 'pods'}`;
  if (!group.signature) {
    return (
      <div className={classes.heading}>
        <Typography variant="h6" component="h3">
          Placed pods that do not run
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {`${count} · a node was assigned; scheduling is not what holds them`}
        </Typography>
      </div>
    );
  }
  const requests = Object.entries(group.signature.requests);
  return (
    <>
      <div className={classes.heading}>
        <Typography variant="h6" component="h3">
          {`Signature ${group.id}`}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {count}
        </Typography>
      </div>
      <div className={classes.chips} aria-label="Requests">
        {requests.length ? (
          requests.map(([resource, amount]) => (
            <Chip key={resource} size="small" label={`${resource} ${amount}`} data-testid="triage-request" />
          ))
        ) : (
          <Typography variant="body2" color="textSecondary">
            No resource requests
          </Typography>
        )}
      </div>
      {group.signature.summary.length > 0 && (
        <div className={classes.chips} aria-label="Scheduling constraints">
          {group.signature.summary.map(line => (
            <Chip key={line} size="small" variant="outlined" label={line} data-testid="triage-constraint" />
          ))}
        </div>
      )}
    </>
  );
}

const pools = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'pool' : 'pools'}`;

/** What the quick verdicts say of the pools whose reasons the analysis left out. */
function UnexplainedNote({ unexplained }: { unexplained: UnexplainedPools }) {
  const parts: string[] = [];
  if (unexplained.now) parts.push(`${pools(unexplained.now)} take them now`);
  if (unexplained.afterScaleUp) parts.push(`${pools(unexplained.afterScaleUp)} after a scale-up`);
  if (unexplained.neither) parts.push(`${pools(unexplained.neither)} cannot take them`);
  return (
    <Typography variant="caption" color="textSecondary" component="p" data-testid="triage-unexplained">
      {`${pools(unexplained.pools)} more, shown without reasons (the analysis explains a limited number of verdicts): ${parts.join(', ')}.`}
    </Typography>
  );
}

export interface TriageSignatureGroupProps {
  group: TriageGroup;
  /** Nodes per pool ref now, from the report's pool summaries. */
  nodesByRef?: ReadonlyMap<string, number>;
}

/**
 * One signature's pods: who they are, what the scheduler said beside what
 * each pool says, and the fix.
 */
export function TriageSignatureGroup({ group, nodesByRef }: TriageSignatureGroupProps) {
  const classes = useStyles();
  const messages = group.messages.slice(0, MESSAGES_SHOWN);
  const moreMessages = group.messages.length - messages.length;
  const severalMessages = group.messages.length > 1;
  const severalFixes = group.fixes.length > 1;
  return (
    <Card variant="outlined" component="section" data-testid="triage-group" data-signature={group.id}>
      <CardContent className={classes.content}>
        <GroupHeading group={group} />
        <PodList pods={group.pods} />
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <SectionTitle>Scheduler says</SectionTitle>
            {messages.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                No FailedScheduling event was recorded for these pods.
              </Typography>
            )}
            {messages.map(message => (
              <Box key={message.text} mb={1}>
                <TriageSchedulerMessage
                  text={message.text}
                  summary={message.summary}
                  pods={severalMessages ? message.pods : undefined}
                />
              </Box>
            ))}
            {moreMessages > 0 && (
              <Typography variant="caption" color="textSecondary">
                {`and ${moreMessages} more ${moreMessages === 1 ? 'message' : 'messages'}`}
              </Typography>
            )}
          </Grid>
          <Grid item xs={12} md={8}>
            <SectionTitle>Pools</SectionTitle>
            {group.verdicts.length ? (
              <TriageVerdictMatrix
                signature={group.id}
                verdicts={group.verdicts}
                nodesByRef={nodesByRef}
                suggestedPool={severalFixes ? undefined : group.fixes[0]?.fix.pool}
              />
            ) : (
              <Typography variant="body2" color="textSecondary">
                No pool was evaluated for these pods.
              </Typography>
            )}
            {group.unexplained && <UnexplainedNote unexplained={group.unexplained} />}
          </Grid>
        </Grid>
        <div>
          <SectionTitle>{severalFixes ? 'Fixes' : 'Fix'}</SectionTitle>
          {group.fixes.map(({ fix, pods }, index) => (
            <Box key={index} mb={1}>
              <TriageFixPanel fix={fix} pods={severalFixes ? fixPodNames(pods) : undefined} />
            </Box>
          ))}
        </div>
      </CardContent>
    </Card>
  );
}
