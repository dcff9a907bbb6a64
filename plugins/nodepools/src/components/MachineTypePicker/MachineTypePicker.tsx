import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete, { createFilterOptions } from '@material-ui/lab/Autocomplete';
import type { CapacityType, RequestKind } from '@nodepools/plugin-nodepools-common';
import { REQUEST_KIND_PROFILES } from '@nodepools/plugin-nodepools-common';
import {
  machineFacts,
  machineOptions,
  machinePriceText,
  machineSearchText,
  type MachineOption,
} from '../../lib/machineOptions';

export interface MachineTypePickerProps {
  kind: RequestKind;
  capacityType?: CapacityType;
  value: string[];
  onChange(value: string[]): void;
  /** The policy check's message for the field, if any. */
  helperText?: string;
  error?: boolean;
  required?: boolean;
  id?: string;
}

const filter = createFilterOptions<MachineOption>({
  stringify: machineSearchText,
  limit: 200,
});

function OptionRow({ option }: { option: MachineOption }) {
  return (
    <Box display="flex" width="100%" justifyContent="space-between" gridGap={16}>
      <span>
        <Typography variant="body2" component="span">
          <strong>{option.machine.name}</strong>
        </Typography>
        <Typography variant="caption" color="textSecondary" component="span">
          {` · ${option.machine.category} · ${machineFacts(option.machine)}`}
        </Typography>
      </span>
      <Typography variant="caption" component="span">
        {machinePriceText(option)}
      </Typography>
    </Box>
  );
}

/**
 * Machine types of the kind's clouds from the bundled catalog, searchable
 * by name, family, category, GPU and architecture, with vCPU, memory and
 * a list price per node and month. One type for GKE, AKS and DOKS, several
 * for EKS and Karpenter.
 */
export function MachineTypePicker(props: MachineTypePickerProps) {
  const { kind, capacityType, value, onChange } = props;
  const profile = REQUEST_KIND_PROFILES[kind];
  const options = useMemo(() => machineOptions(kind, capacityType), [kind, capacityType]);
  const byName = useMemo(() => new Map(options.map(o => [o.machine.name, o])), [options]);
  const multiple = profile.machineTypes.max > 1;
  // Types the catalog does not know (from a clone or a link) stay selectable; the policy check warns about them.
  const toOption = (name: string): MachineOption =>
    byName.get(name) ?? {
      machine: { cloud: profile.clouds[0], name, category: 'general', family: '', vcpu: 0, memoryMiB: 0, arch: 'amd64', gpus: 0, extendedResources: {}, defaultMaxPods: 0, source: 'config' },
      estimated: true,
    };
  const selected = value.map(toOption);
  const label = multiple ? 'Machine types' : 'Machine type';
  const helper = props.helperText ?? (multiple ? 'One or more; prices are list prices of the reference region' : 'Prices are list prices of the reference region');
  const input = (params: object) => (
    <TextField
      {...params}
      id={props.id}
      label={label}
      variant="outlined"
      required={props.required}
      error={props.error}
      helperText={helper}
    />
  );
  const common = {
    options,
    filterOptions: filter,
    getOptionLabel: (o: MachineOption) => o.machine.name,
    getOptionSelected: (a: MachineOption, b: MachineOption) => a.machine.name === b.machine.name,
    renderOption: (o: MachineOption) => <OptionRow option={o} />,
    renderInput: input,
    'data-testid': 'machine-type-picker',
  };
  if (multiple) {
    return (
      <Autocomplete
        {...common}
        multiple
        value={selected}
        onChange={(_e, next: MachineOption[]) => onChange(next.map(o => o.machine.name))}
      />
    );
  }
  return (
    <Autocomplete
      {...common}
      value={selected[0] ?? null}
      onChange={(_e, next: MachineOption | null) => onChange(next ? [next.machine.name] : [])}
    />
  );
}
