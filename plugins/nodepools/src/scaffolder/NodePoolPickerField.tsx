import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { REQUEST_KIND_PROFILES, REQUEST_KINDS, type RequestKind } from '@nodepools/plugin-nodepools-common';
import { useRequestValidation } from '../hooks/useRequestValidation';
import { fieldHelp, violationsAt } from '../lib/requestFormat';
import { MachineTypePicker } from '../components/MachineTypePicker';
import { RequestClusterPicker } from '../components/RequestClusterPicker';
import { PolicyCheckList } from '../components/RequestForm/PolicyCheckList';
import { RequestCostSummary } from '../components/RequestCostSummary';
import { meaningfulViolations, specFromForm, type NodePoolPickerValue } from './specFromForm';

/**
 * A Scaffolder form field for pool requests: the kind, a cluster of the
 * inventory and machine types of the catalog, checked against the pool
 * policies and priced live together with the template's other parameters
 * (name, minNodes, maxNodes, capacityType, zones, taintKey, owner,
 * justification).
 */
export function NodePoolPickerField(props: FieldExtensionComponentProps<NodePoolPickerValue>) {
  const { formData, onChange, rawErrors, schema, required } = props;
  const value: NodePoolPickerValue = useMemo(() => formData ?? {}, [formData]);
  const kind: RequestKind = value.kind ?? 'eks-managed-node-group';
  const siblings = (props.formContext as { formData?: Record<string, unknown> } | undefined)?.formData;
  const { spec, standIns } = useMemo(() => specFromForm({ ...value, kind }, siblings), [value, kind, siblings]);
  const ready = Boolean(value.cluster && value.machineTypes?.length);
  const validation = useRequestValidation(spec);
  const violations = ready ? meaningfulViolations(validation.result?.violations ?? [], standIns) : [];
  const clusterHelp = fieldHelp(violationsAt(violations, 'cluster'));
  const machineHelp = fieldHelp(violationsAt(violations, 'machineTypes'));
  const set = (patch: NodePoolPickerValue) => onChange({ ...value, kind, ...patch });

  return (
    <Box display="flex" flexDirection="column" gridGap={16} data-testid="node-pool-picker">
      {schema.title && <Typography variant="h6">{schema.title}</Typography>}
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      <TextField
        id={`${props.idSchema.$id}-kind`}
        select
        label="Kind of pool"
        variant="outlined"
        value={kind}
        required={required}
        onChange={e => onChange({ kind: e.target.value as RequestKind, machineTypes: [], cluster: '' })}
      >
        {REQUEST_KINDS.map(k => (
          <MenuItem key={k} value={k}>
            {REQUEST_KIND_PROFILES[k].title}
          </MenuItem>
        ))}
      </TextField>
      <RequestClusterPicker
        id={`${props.idSchema.$id}-cluster`}
        kind={kind}
        value={value.cluster ?? ''}
        onChange={cluster => set({ cluster })}
        required={required}
        error={clusterHelp.error}
        helperText={clusterHelp.text}
      />
      <MachineTypePicker
        id={`${props.idSchema.$id}-machineTypes`}
        kind={kind}
        value={value.machineTypes ?? []}
        onChange={machineTypes => set({ machineTypes })}
        required={required}
        error={machineHelp.error}
        helperText={machineHelp.text}
      />
      {rawErrors?.length > 0 && <FormHelperText error>{rawErrors.join('; ')}</FormHelperText>}
      {ready && (
        <Box data-testid="node-pool-picker-checks">
          <Typography variant="subtitle2">Policy checks</Typography>
          <PolicyCheckList violations={violations} checking={validation.pending} />
          {validation.result && (
            <Box mt={1}>
              <Typography variant="subtitle2">Monthly cost</Typography>
              <RequestCostSummary cost={validation.result.cost} />
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}
