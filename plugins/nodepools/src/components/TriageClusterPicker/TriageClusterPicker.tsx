import { useMemo } from 'react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/ErrorOutline';
import Autocomplete from '@material-ui/lab/Autocomplete';
import type {
  ClusterIdentity,
  TriageClusterSummary,
} from '@nodepools/plugin-nodepools-common';
import { formatRelativeTime } from '../../lib/format';

const useStyles = makeStyles(theme => ({
  picker: { minWidth: 320, maxWidth: 520 },
  option: { display: 'flex', flexDirection: 'column' },
  detail: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  error: { color: theme.palette.error.main },
}));

/** `12 pending · collected 5 minutes ago`, with the failure when the last collection failed. */
export function clusterDetail(summary: TriageClusterSummary): string {
  const pending = `${summary.pendingPods.toLocaleString('en-US')} pending`;
  const collected = summary.collectedAt
    ? `collected ${formatRelativeTime(summary.collectedAt)}`
    : 'never collected';
  return `${pending} · ${collected}`;
}

/**
 * What tells a cluster apart from others of its name: `eks · eu-west-1 ·
 * 111122223333`; `kubernetes` alone for a cluster known only by its name.
 */
export function clusterLocation(cluster: ClusterIdentity): string {
  return [cluster.provider, cluster.region, cluster.account].filter(Boolean).join(' · ');
}

export interface TriageClusterPickerProps {
  clusters?: TriageClusterSummary[];
  loading?: boolean;
  /** The cluster ref (or name) in the URL; it is offered even when the list does not know it. */
  value?: string;
  /** Called with the picked cluster's ref. */
  onChange(clusterRef: string | undefined): void;
}

/** Picks the cluster whose triage to show, with where it runs, its pending count and last collection. */
export function TriageClusterPicker({ clusters, loading, value, onChange }: TriageClusterPickerProps) {
  const classes = useStyles();
  const byRef = useMemo(
    () => new Map((clusters ?? []).map(summary => [summary.clusterRef, summary])),
    [clusters],
  );
  const options = useMemo(() => {
    const refs = [...byRef.keys()];
    return value && !byRef.has(value) ? [value, ...refs] : refs;
  }, [byRef, value]);
  const sameName = (summary: TriageClusterSummary) =>
    (clusters ?? []).filter(other => other.cluster === summary.cluster).length > 1;

  return (
    <Autocomplete<string>
      className={classes.picker}
      options={options}
      value={value ?? null}
      loading={loading}
      onChange={(_event, next) => onChange(next ?? undefined)}
      getOptionLabel={ref => {
        const summary = byRef.get(ref);
        if (!summary) return ref;
        return sameName(summary)
          ? `${summary.cluster} (${clusterLocation(summary)})`
          : summary.cluster;
      }}
      renderOption={ref => {
        const summary = byRef.get(ref);
        return (
          <div className={classes.option} data-testid="triage-cluster-option" data-ref={ref}>
            <Typography variant="body2">{summary?.cluster ?? ref}</Typography>
            {summary && (
              <Typography variant="caption" color="textSecondary" className={classes.detail}>
                {clusterLocation(summary)} · {clusterDetail(summary)}
                {summary.error && (
                  <span className={`${classes.detail} ${classes.error}`} title={summary.error}>
                    <ErrorIcon fontSize="inherit" aria-hidden />
                    last collection failed
                  </span>
                )}
              </Typography>
            )}
          </div>
        );
      }}
      renderInput={params => (
        <TextField {...params} label="Cluster" variant="outlined" size="small" />
      )}
    />
  );
}
