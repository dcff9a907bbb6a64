import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { EmptyState } from '@backstage/core-components';
import type { TriageReport } from '@nodepools/plugin-nodepools-common';
import { TriageSignatureGroup } from '../TriageSignatureGroup';
import { TriageSkippedItems } from '../TriageSkippedItems';
import { countTriage, groupTriage } from './triageGroups';

/** Signature groups rendered before "Show more": a cluster can have hundreds. */
export const GROUPS_SHOWN = 25;

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  count: { padding: theme.spacing(1.5, 2) },
  number: { fontVariantNumeric: 'tabular-nums' },
  groups: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  notes: { margin: 0, paddingLeft: theme.spacing(2) },
}));

function Count({ id, label, value }: { id: string; label: string; value: number }) {
  const classes = useStyles();
  return (
    <Paper variant="outlined" className={classes.count} data-testid={`triage-count-${id}`} data-count={value}>
      <Typography variant="h4" component="p" className={classes.number}>
        {value.toLocaleString('en-US')}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {label}
      </Typography>
    </Paper>
  );
}

export interface TriageReportViewProps {
  report: TriageReport;
}

/**
 * A triage report: the counts, the engine's caveats, one section per
 * scheduling signature, and the input items that were left out.
 */
export function TriageReportView({ report }: TriageReportViewProps) {
  const classes = useStyles();
  const groups = useMemo(() => groupTriage(report), [report]);
  const counts = useMemo(() => countTriage(report), [report]);
  const nodesByRef = useMemo(
    () => new Map(report.pools.map(pool => [pool.ref, pool.nodes])),
    [report],
  );
  const [groupsShown, setGroupsShown] = useState(GROUPS_SHOWN);
  const more = groups.length - groupsShown;

  return (
    <div data-testid="triage-report" data-cluster={report.cluster}>
      <div className={classes.counts}>
        <Count id="pending" label="Pending pods" value={counts.pending} />
        <Count id="schedulable-now" label="Schedulable now" value={counts.schedulableNow} />
        <Count id="after-scale-up" label="Would fit after scale-up" value={counts.fitAfterScaleUp} />
        {counts.ipExhaustion > 0 && (
          <Count id="ip-exhaustion" label="Short of IP addresses" value={counts.ipExhaustion} />
        )}
        <Count id="skipped" label="Skipped items" value={counts.skipped} />
      </div>
      {report.notes.length > 0 && (
        <Box mb={2}>
          <Alert severity="info" data-testid="triage-notes">
            <ul className={classes.notes}>
              {report.notes.map(note => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </Alert>
        </Box>
      )}
      {groups.length === 0 ? (
        <EmptyState
          missing="data"
          title="No pending pods"
          description={
            report.skipped.length
              ? 'No pod that could be read is waiting for a node; the skipped items below were left out.'
              : 'No pod is waiting for a node.'
          }
        />
      ) : (
        <div className={classes.groups}>
          {groups.slice(0, groupsShown).map(group => (
            <TriageSignatureGroup key={group.id} group={group} nodesByRef={nodesByRef} />
          ))}
          {more > 0 && (
            <Box display="flex" justifyContent="center">
              <Button variant="outlined" onClick={() => setGroupsShown(n => n + GROUPS_SHOWN)}>
                {`Show ${Math.min(more, GROUPS_SHOWN)} more of ${more} signature groups`}
              </Button>
            </Box>
          )}
        </div>
      )}
      {report.skipped.length > 0 && (
        <Box mt={3}>
          <Typography variant="h6" component="h3" gutterBottom>
            Skipped items
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            These items of the input could not be read and were left out; everything else was analyzed.
          </Typography>
          <Paper variant="outlined">
            <TriageSkippedItems items={report.skipped} />
          </Paper>
        </Box>
      )}
    </div>
  );
}
