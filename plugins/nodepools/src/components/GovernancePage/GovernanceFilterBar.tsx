import type { ChangeEvent } from 'react';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  FINDING_STATES,
  GOVERNANCE_RULES,
  GOVERNANCE_SEVERITIES,
} from '@nodepools/plugin-nodepools-common';
import { providerLabel } from '../../lib/format';
import type { GovernanceFilterKey, GovernanceFilters } from '../../lib/governanceFilters';
import { SEVERITY_LABEL } from '../DriftBadge';
import { RULE_LABEL } from '../GovernanceFinding';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
  },
}));

const STATE_LABEL: Record<string, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  all: 'All',
};

export interface FilterOptions {
  owner: string[];
  cluster: string[];
  provider: string[];
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: Array<[value: string, label: string]>;
  any?: boolean;
  onChange(value: string): void;
}) {
  // A value from a shared link may be absent from the options: keep it visible so it can be cleared.
  const options = props.value && !props.options.some(([v]) => v === props.value) ? [...props.options, [props.value, props.value] as [string, string]] : props.options;
  return (
    <TextField
      select
      variant="outlined"
      size="small"
      id={props.id}
      label={props.label}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      value={props.value}
      onChange={(event: ChangeEvent<HTMLInputElement>) => props.onChange(event.target.value)}
    >
      {props.any !== false && <option value="">Any</option>}
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </TextField>
  );
}

export interface GovernanceFilterBarProps {
  filters: GovernanceFilters;
  options: FilterOptions;
  /** The filters this section reads; the state filter only with findings. */
  keys: readonly GovernanceFilterKey[];
  withState?: boolean;
  onChange(key: string, values: string[]): void;
}

/** One picker per filter; each holds one value (a shared link may hold more, the first shows). */
export function GovernanceFilterBar({ filters, options, keys, withState, onChange }: GovernanceFilterBarProps) {
  const classes = useStyles();
  const choices: Record<GovernanceFilterKey, { label: string; options: Array<[string, string]> }> = {
    rule: { label: 'Rule', options: GOVERNANCE_RULES.map(r => [r, RULE_LABEL[r]]) },
    severity: { label: 'Severity', options: GOVERNANCE_SEVERITIES.map(s => [s, SEVERITY_LABEL[s]]) },
    // `-` asks for what has no owner.
    owner: { label: 'Owner', options: [['-', 'No owner'], ...options.owner.map(o => [o, o] as [string, string])] },
    cluster: { label: 'Cluster', options: options.cluster.map(c => [c, c]) },
    provider: { label: 'Cloud', options: options.provider.map(p => [p, providerLabel(p)]) },
  };
  return (
    <div className={classes.root} role="search" aria-label="Governance filters">
      {keys.map(key => (
        <Select
          key={key}
          id={`governance-filter-${key}`}
          label={choices[key].label}
          value={filters[key][0] ?? ''}
          options={choices[key].options}
          onChange={value => onChange(key, value ? [value] : [])}
        />
      ))}
      {withState && (
        <Select
          id="governance-filter-state"
          label="State"
          value={filters.state}
          any={false}
          options={FINDING_STATES.map(s => [s, STATE_LABEL[s]])}
          onChange={value => onChange('state', value === 'open' ? [] : [value])}
        />
      )}
    </div>
  );
}
