import { useMemo } from 'react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/ErrorOutline';
import Autocomplete from '@material-ui/lab/Autocomplete';
import type { TriageClusterSummary } from '@nodepools/plugin-nodepools-common';
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

export interface TriageClusterPickerProps {
  clusters?: TriageClusterSummary[];
  loading?: boolean;
  /** The cluster in the URL; it is offered even when the list does not know it. */
  value?: string;
  onChange(cluster: string | undefined): void;
}

/** Picks the cluster whose triage to show, with its pending count and last collection. */
export function TriageClusterPicker({ clusters, loading, value, onChange }: TriageClusterPickerProps) {
  const classes = useStyles();
  const byName = useMemo(
    () => new Map((clusters ?? []).map(summary => [summary.cluster, summary])),
    [clusters],
  );
  const options = useMemo(() => {
    const names = [...byName.keys()];
    return value && !byName.has(value) ? [value, ...names] : names;
  }, [byName, value]);

  return (
    <Autocomplete<string>
      className={classes.picker}
      options={options}
      value={value ?? null}
      loading={loading}
      onChange={(_event, next) => onChange(next ?? undefined)}
      renderOption={name => {
        const summary = byName.get(name);
        return (
          <div className={classes.option} data-testid="triage-cluster-option">
            <Typography variant="body2">{name}</Typography>
            {summary && (
              <Typography variant="caption" color="textSecondary" className={classes.detail}>
                {clusterDetail(summary)}
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
