import type { ReactNode } from 'react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import {
  REQUEST_KIND_PROFILES,
  REQUEST_KINDS,
  type RequestKind,
} from '@nodepools/plugin-nodepools-common';
import { capacityTypeLabel, modeLabel } from '../../lib/format';
import { withKind, type RequestDraft } from '../../lib/requestDraft';
import { fieldHelp, violationsAt, type FieldProblem } from '../../lib/requestFormat';
import { formatTaint, parseLabel, parseTaint } from '../../lib/requestPrefill';
import { MachineTypePicker } from '../MachineTypePicker';
import { RequestClusterPicker } from '../RequestClusterPicker';
import { ChipListField } from './ChipListField';

export interface RequestFormProps {
  draft: RequestDraft;
  onChange(draft: RequestDraft): void;
  /** Policy violations and the not-yet-valid field, each shown at its field. */
  violations: readonly FieldProblem[];
  /** Whether the kind can still be changed (not when editing a stored request). */
  kindLocked?: boolean;
}

function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function Half({ children }: { children: ReactNode }) {
  return (
    <Grid item xs={12} md={6}>
      {children}
    </Grid>
  );
}

/**
 * The fields of a pool request, as the kind's profile says: cluster, name,
 * machine types, count or autoscaler range, capacity, OS and arch, labels,
 * taints, zones, mode, max pods, disk, owner and justification. Each
 * control shows the policy checks of its own field.
 */
export function RequestForm({ draft, onChange, violations, kindLocked }: RequestFormProps) {
  const profile = REQUEST_KIND_PROFILES[draft.kind];
  const takes = (field: (typeof profile.fields)[number]) => profile.fields.includes(field);
  const set = (patch: Partial<RequestDraft>) => onChange({ ...draft, ...patch });
  const help = (field: string, fallback?: string) => {
    const h = fieldHelp(violationsAt(violations, field));
    return { error: h.error, helperText: h.text ?? fallback, FormHelperTextProps: { 'data-testid': `help-${field}` } as object };
  };
  const text = (field: keyof RequestDraft & string, label: string, fallback?: string, extra: object = {}) => (
    <TextField
      id={`request-${field}`}
      label={label}
      variant="outlined"
      fullWidth
      value={(draft[field] as string | undefined) ?? ''}
      onChange={e => set({ [field]: e.target.value } as Partial<RequestDraft>)}
      {...help(field, fallback)}
      {...extra}
    />
  );
  const count = (field: 'nodeCount' | 'min' | 'max' | 'maxPodsPerNode' | 'diskSizeGb', label: string, path: string, fallback?: string) => (
    <TextField
      id={`request-${field}`}
      label={label}
      type="number"
      variant="outlined"
      fullWidth
      inputProps={{ min: 0 }}
      value={draft[field] ?? ''}
      onChange={e => set({ [field]: numberOrUndefined(e.target.value) } as Partial<RequestDraft>)}
      {...help(path, fallback)}
    />
  );
  const clusterHelp = fieldHelp([...violationsAt(violations, 'cluster'), ...violationsAt(violations, 'resourceGroup')]);
  const machineHelp = fieldHelp(violationsAt(violations, 'machineTypes'));
  const labelHelp = fieldHelp(violationsAt(violations, 'labels'));
  const taintHelp = fieldHelp(violationsAt(violations, 'taints'));
  const zoneHelp = fieldHelp(violationsAt(violations, 'zones'));
  const rangeHelp = fieldHelp(violationsAt(violations, 'autoscaling').filter(v => v.field === 'autoscaling'));

  return (
    <Grid container spacing={2} data-testid="request-form">
      <Half>
        <TextField
          id="request-kind"
          select
          label="Kind of pool"
          variant="outlined"
          fullWidth
          disabled={kindLocked}
          value={draft.kind}
          onChange={e => onChange(withKind(draft, e.target.value as RequestKind))}
          {...help('kind')}
        >
          {REQUEST_KINDS.map(kind => (
            <MenuItem key={kind} value={kind}>
              {REQUEST_KIND_PROFILES[kind].title}
            </MenuItem>
          ))}
        </TextField>
      </Half>
      <Half>
        <RequestClusterPicker
          id="request-cluster"
          kind={draft.kind}
          value={draft.cluster}
          onChange={cluster => set({ cluster })}
          required
          error={clusterHelp.error}
          helperText={clusterHelp.text}
        />
      </Half>
      <Half>{text('name', 'Pool name', 'Unique in its cluster', { required: true })}</Half>
      <Half>
        <MachineTypePicker
          id="request-machineTypes"
          kind={draft.kind}
          capacityType={draft.capacityType}
          value={draft.machineTypes}
          onChange={machineTypes => set({ machineTypes })}
          required
          error={machineHelp.error}
          helperText={machineHelp.text}
        />
      </Half>
      <Grid item xs={12}>
        {profile.fixedCount ? (
          <RadioGroup
            row
            aria-label="Sizing"
            value={draft.sizing}
            onChange={e => set({ sizing: e.target.value as RequestDraft['sizing'] })}
          >
            <FormControlLabel value="autoscaled" control={<Radio />} label="Autoscaled" />
            <FormControlLabel value="fixed" control={<Radio />} label="Fixed node count" />
          </RadioGroup>
        ) : null}
      </Grid>
      {draft.sizing === 'fixed' && profile.fixedCount ? (
        <Half>{count('nodeCount', 'Node count', 'nodeCount', profile.zonesRequired ? 'Total over the zones' : undefined)}</Half>
      ) : (
        <>
          {profile.autoscalerMin && <Half>{count('min', 'Minimum nodes', 'autoscaling.min')}</Half>}
          <Half>
            {count(
              'max',
              profile.autoscalerMin ? 'Maximum nodes' : 'Node limit',
              'autoscaling.max',
              rangeHelp.text ?? (profile.autoscalerMin ? undefined : 'Karpenter launches nodes on demand up to this many (spec.limits)'),
            )}
          </Half>
        </>
      )}
      <Half>
        <TextField
          id="request-capacityType"
          select
          label="Capacity"
          variant="outlined"
          fullWidth
          value={draft.capacityType}
          onChange={e => set({ capacityType: e.target.value as RequestDraft['capacityType'] })}
          {...help('capacityType')}
        >
          {profile.capacityTypes.map(c => (
            <MenuItem key={c} value={c}>
              {capacityTypeLabel(c)}
            </MenuItem>
          ))}
        </TextField>
      </Half>
      {takes('mode') && (
        <Half>
          <TextField
            id="request-mode"
            select
            label="Mode"
            variant="outlined"
            fullWidth
            value={draft.mode ?? 'user'}
            onChange={e => set({ mode: e.target.value as RequestDraft['mode'] })}
            {...help('mode', 'System pools run the cluster’s own pods')}
          >
            {(['user', 'system'] as const).map(m => (
              <MenuItem key={m} value={m}>
                {modeLabel(m)}
              </MenuItem>
            ))}
          </TextField>
        </Half>
      )}
      <Half>
        <TextField
          id="request-os"
          select
          label="Operating system"
          variant="outlined"
          fullWidth
          value={draft.os}
          onChange={e => set({ os: e.target.value as RequestDraft['os'] })}
          {...help('os')}
        >
          <MenuItem value="linux">Linux</MenuItem>
          {profile.windows && <MenuItem value="windows">Windows</MenuItem>}
        </TextField>
      </Half>
      <Half>
        <TextField
          id="request-arch"
          select
          label="Architecture"
          variant="outlined"
          fullWidth
          value={draft.arch ?? ''}
          onChange={e => set({ arch: (e.target.value || undefined) as RequestDraft['arch'] })}
          {...help('arch', 'From the machine types when left out')}
        >
          <MenuItem value="">From the machine types</MenuItem>
          <MenuItem value="amd64">amd64</MenuItem>
          <MenuItem value="arm64">arm64</MenuItem>
        </TextField>
      </Half>
      <Half>
        <ChipListField
          id="request-labels"
          label="Labels"
          placeholder="key=value, then Enter"
          value={Object.entries(draft.labels).map(([k, v]) => `${k}=${v}`)}
          parse={parseLabel}
          onChange={items => set({ labels: Object.fromEntries(items.map(t => parseLabel(t)!)) })}
          error={labelHelp.error}
          helperText={labelHelp.text ?? 'key=value, Enter after each'}
        />
      </Half>
      <Half>
        <ChipListField
          id="request-taints"
          label="Taints"
          placeholder="key=value:NoSchedule, then Enter"
          value={draft.taints.map(formatTaint)}
          parse={parseTaint}
          onChange={items => set({ taints: items.map(t => parseTaint(t)!) })}
          error={taintHelp.error}
          helperText={
            taintHelp.text ??
            'key=value:NoSchedule, PreferNoSchedule or NoExecute; spot and GPU pools need one'
          }
        />
      </Half>
      {takes('zones') && (
        <Half>
          <ChipListField
            id="request-zones"
            label="Zones"
            placeholder="a zone, then Enter"
            value={draft.zones}
            onChange={zones => set({ zones })}
            error={zoneHelp.error}
            helperText={
              zoneHelp.text ??
              (profile.zonesRequired ? 'Required: the pool’s nodes are counted per zone' : 'Any zone when left empty')
            }
          />
        </Half>
      )}
      {takes('maxPodsPerNode') && <Half>{count('maxPodsPerNode', 'Max pods per node', 'maxPodsPerNode', 'The cloud’s default when left empty')}</Half>}
      {takes('diskSizeGb') && <Half>{count('diskSizeGb', 'Disk size (GB)', 'diskSizeGb', 'The cloud’s default when left empty')}</Half>}
      {takes('resourceGroup') && <Half>{text('resourceGroup', 'Resource group', 'The cluster’s, from the inventory, when left empty')}</Half>}
      {takes('nodeClass') && <Half>{text('nodeClass', 'Node class', '`default` when left empty')}</Half>}
      <Half>{text('owner', 'Owner', 'A catalog group: group:default/payments', { required: true })}</Half>
      <Grid item xs={12}>
        {text('justification', 'Justification', 'Why the pool is needed, for the approvers', { required: true, multiline: true, minRows: 3 })}
      </Grid>
    </Grid>
  );
}
