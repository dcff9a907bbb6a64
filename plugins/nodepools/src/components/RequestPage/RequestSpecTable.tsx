import type { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { REQUEST_KIND_PROFILES, type PoolRequestSpec } from '@nodepools/plugin-nodepools-common';
import { capacityTypeLabel, formatKeyValue, modeLabel } from '../../lib/format';
import { formatTaint } from '../../lib/requestPrefill';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    margin: 0,
    ...theme.typography.body2,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  },
}));

function sizeText(spec: PoolRequestSpec): string {
  if (!spec.autoscaling) return `${spec.nodeCount ?? 0} nodes, fixed`;
  const start = spec.nodeCount !== undefined ? `, starting at ${spec.nodeCount}` : '';
  return REQUEST_KIND_PROFILES[spec.kind].autoscalerMin
    ? `${spec.autoscaling.min}–${spec.autoscaling.max} nodes${start}`
    : `up to ${spec.autoscaling.max} nodes`;
}

/** The requested pool, field by field. */
export function RequestSpecTable({ spec }: { spec: PoolRequestSpec }) {
  const classes = useStyles();
  const rows: Array<[string, ReactNode]> = [
    ['Kind', REQUEST_KIND_PROFILES[spec.kind].title],
    ['Cluster', spec.cluster],
    ['Name', spec.name],
    ['Machine types', spec.machineTypes.join(', ')],
    ['Size', sizeText(spec)],
    ['Capacity', capacityTypeLabel(spec.capacityType)],
    ['Platform', [spec.os, spec.arch].filter(Boolean).join('/')],
    ['Labels', Object.entries(spec.labels).map(([k, v]) => formatKeyValue(k, v)).join(', ') || '—'],
    ['Taints', spec.taints.map(formatTaint).join(', ') || '—'],
    ...(spec.zones.length ? [['Zones', spec.zones.join(', ')] as [string, ReactNode]] : []),
    ...(spec.mode ? [['Mode', modeLabel(spec.mode)] as [string, ReactNode]] : []),
    ...(spec.maxPodsPerNode ? [['Max pods per node', String(spec.maxPodsPerNode)] as [string, ReactNode]] : []),
    ...(spec.diskSizeGb ? [['Disk', `${spec.diskSizeGb} GB`] as [string, ReactNode]] : []),
    ...(spec.resourceGroup ? [['Resource group', spec.resourceGroup] as [string, ReactNode]] : []),
    ...(spec.nodeClass ? [['Node class', spec.nodeClass] as [string, ReactNode]] : []),
    ['Owner', spec.owner],
    ['Justification', spec.justification],
  ];
  return (
    <dl className={classes.facts} aria-label="Requested pool" data-testid="request-spec">
      {rows.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
