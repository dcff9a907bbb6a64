import type { ReactNode } from 'react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import type {
  NodePool,
  ObservedMark,
  ObservedNodes,
  ResourceAmounts,
} from '@nodepools/plugin-nodepools-common';
import {
  capacityTypeLabel,
  formatBytes,
  formatCores,
  formatKeyValue,
  formatValue,
  modeLabel,
  ownerStatusLabel,
  providerLabel,
} from '../../lib/format';
import { OwnerLink } from '../OwnerLink';
import { RelativeTime } from '../RelativeTime';
import { TaintChips } from '../TaintChips';

type Renderers<T> = {
  [K in keyof T]-?: {
    label: string;
    render?: (value: NonNullable<T[K]>, whole: T) => ReactNode;
  };
};

const useStyles = makeStyles(theme => ({
  label: {
    width: '25%',
    whiteSpace: 'nowrap',
    color: theme.palette.text.secondary,
    verticalAlign: 'top',
  },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

function Chips({ items }: { items: string[] }) {
  const classes = useStyles();
  return (
    <span className={classes.chips}>
      {items.map(item => (
        <Chip key={item} size="small" variant="outlined" label={item} />
      ))}
    </span>
  );
}

function keyValues(record: Record<string, string>): ReactNode {
  const entries = Object.entries(record);
  if (!entries.length) return '—';
  return <Chips items={entries.map(([k, v]) => formatKeyValue(k, v))} />;
}

/** Labels or taints with how many nodes carry each. */
function marks(values: ObservedMark[]): ReactNode {
  if (!values.length) return '—';
  return (
    <Chips
      items={values.map(
        m => `${m.key}${m.value ? `=${m.value}` : ''}${m.effect ? `:${m.effect}` : ''} (${m.nodes})`,
      )}
    />
  );
}

function list(values: string[]): ReactNode {
  return values.length ? values.join(', ') : '—';
}

function resourceAmounts(amounts: ResourceAmounts): ReactNode {
  const parts = Object.entries(amounts)
    .filter((entry): entry is [string, number] => entry[1] !== undefined)
    .map(([name, amount]) => {
      if (name === 'cpu') return `cpu ${formatCores(amount)} cores`;
      if (name === 'memory') return `memory ${formatBytes(amount)}`;
      return `${name} ${amount.toLocaleString('en-US')}`;
    });
  return parts.length ? parts.join(', ') : '—';
}

/**
 * One row per field of the normalized pool. Typed over every key of
 * `NodePool`, so a field added to the model must be given a row here.
 */
const POOL_FIELDS: Renderers<NodePool> = {
  ref: { label: 'Ref' },
  provider: { label: 'Cloud', render: v => `${providerLabel(v)} (${v})` },
  account: { label: 'Account' },
  region: { label: 'Region' },
  cluster: { label: 'Cluster' },
  name: { label: 'Name' },
  mode: { label: 'Mode', render: modeLabel },
  os: { label: 'OS' },
  arch: { label: 'Architecture' },
  machineTypes: { label: 'Machine types', render: v => (v.length ? <Chips items={v} /> : '—') },
  capacityType: { label: 'Capacity type', render: capacityTypeLabel },
  nodeCount: { label: 'Node count' },
  autoscaling: {
    label: 'Autoscaling',
    render: v =>
      v.enabled
        ? `on, min ${v.min ?? '—'}, max ${v.max ?? '—'}`
        : 'off',
  },
  labels: { label: 'Labels', render: keyValues },
  taints: { label: 'Taints', render: v => (v.length ? <TaintChips taints={v} /> : '—') },
  zones: { label: 'Zones', render: list },
  kubernetesVersion: { label: 'Kubernetes version' },
  nodeImageVersion: { label: 'Node image version' },
  state: { label: 'Provider state' },
  tags: { label: 'Tags', render: keyValues },
  requirements: {
    label: 'Requirements',
    render: v =>
      v.length ? (
        <Chips
          items={v.map(r =>
            [r.key, r.operator, r.values?.join(',')].filter(Boolean).join(' '),
          )}
        />
      ) : (
        '—'
      ),
  },
  limits: { label: 'Limits', render: keyValues },
  maxPodsPerNode: { label: 'Max pods per node' },
  diskSizeGb: { label: 'Disk size', render: v => `${v} GB` },
  owner: {
    label: 'Owner',
    render: (v, pool) => <OwnerLink owner={v} ownerSource={pool.ownerSource} />,
  },
  ownerSource: { label: 'Owner from' },
  ownerStatus: { label: 'Owner in the catalog', render: ownerStatusLabel },
  observed: {
    label: 'Observed in the cluster',
    render: v => (v.observedAt ? <RelativeTime value={v.observedAt} /> : 'yes'),
  },
  source: { label: 'Source' },
  firstSeenAt: { label: 'First seen', render: v => <RelativeTime value={v} /> },
  lastSeenAt: { label: 'Last seen', render: v => <RelativeTime value={v} /> },
  stale: { label: 'Stale', render: v => (v ? 'yes' : 'no') },
  staleReason: { label: 'Stale because' },
  tombstonedAt: { label: 'Removed', render: v => <RelativeTime value={v} /> },
};

const OBSERVED_FIELDS: Renderers<ObservedNodes> = {
  nodeCount: { label: 'Nodes' },
  readyCount: { label: 'Ready nodes' },
  kubeletVersions: { label: 'Kubelet versions', render: list },
  osImages: { label: 'OS images', render: list },
  zones: { label: 'Node zones', render: list },
  allocatable: { label: 'Allocatable', render: resourceAmounts },
  requested: { label: 'Requested by pods', render: resourceAmounts },
  observedAt: { label: 'Observed', render: v => <RelativeTime value={v} /> },
  controlPlaneVersion: { label: 'Control plane' },
  labels: { label: 'Node labels (nodes)', render: marks },
  taints: { label: 'Node taints (nodes)', render: marks },
};

function FieldRows<T extends object>({ value, fields }: { value: T; fields: Renderers<T> }) {
  const classes = useStyles();
  return (
    <>
      {(Object.keys(fields) as Array<keyof T>).map(key => {
        const field = fields[key];
        const raw = value[key];
        let shown: ReactNode;
        if (raw === undefined || raw === null) shown = '—';
        else if (field.render) shown = field.render(raw as NonNullable<T[typeof key]>, value);
        else shown = formatValue(raw);
        return (
          <TableRow key={String(key)}>
            <TableCell component="th" scope="row" role="rowheader" className={classes.label}>
              {field.label}
            </TableCell>
            <TableCell>{shown}</TableCell>
          </TableRow>
        );
      })}
    </>
  );
}

/** Every normalized field of a pool; missing optional ones show as "—". */
export function PoolFieldsTable({ pool }: { pool: NodePool }) {
  return (
    <Table size="small" aria-label="Pool fields">
      <TableBody>
        <FieldRows value={pool} fields={POOL_FIELDS} />
      </TableBody>
    </Table>
  );
}

/** What the cluster's own nodes say about the pool. */
export function ObservedFieldsTable({ observed }: { observed: ObservedNodes }) {
  return (
    <Table size="small" aria-label="Observed nodes">
      <TableBody>
        <FieldRows value={observed} fields={OBSERVED_FIELDS} />
      </TableBody>
    </Table>
  );
}
