import { useMemo } from 'react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  REQUEST_KIND_PROFILES,
  type ClusterSummary,
  type RequestKind,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { errorMessage, providerLabel } from '../../lib/format';

export interface RequestClusterPickerProps {
  kind: RequestKind;
  /** A cluster ref. */
  value: string;
  onChange(ref: string): void;
  helperText?: string;
  error?: boolean;
  required?: boolean;
  id?: string;
}

function clusterLabel(c: ClusterSummary): string {
  return [c.cluster, providerLabel(c.provider), c.account, c.region].filter(Boolean).join(' · ');
}

/** The inventory's clusters a pool of this kind can go in, by name, cloud, account and region. */
export function RequestClusterPicker(props: RequestClusterPickerProps) {
  const api = useApi(nodePoolsApiRef);
  const clusters = useAsync(() => api.listClusters(), [api]);
  const providers = REQUEST_KIND_PROFILES[props.kind].clusterProviders as readonly string[];
  const options = useMemo(
    () => (clusters.value ?? []).filter(c => providers.includes(c.provider)).map(c => c.ref),
    [clusters.value, providers],
  );
  const labels = useMemo(
    () => new Map((clusters.value ?? []).map(c => [c.ref, clusterLabel(c)])),
    [clusters.value],
  );
  let helper = props.helperText ?? `Clusters of ${providers.map(providerLabel).join(', ')} in the inventory`;
  if (clusters.error) helper = `Clusters could not be loaded: ${errorMessage(clusters.error)}`;
  return (
    <Autocomplete
      options={options}
      loading={clusters.loading}
      value={props.value || null}
      getOptionLabel={ref => labels.get(ref) ?? ref}
      onChange={(_e, ref: string | null) => props.onChange(ref ?? '')}
      data-testid="cluster-picker"
      renderInput={params => (
        <TextField
          {...params}
          id={props.id}
          label="Cluster"
          variant="outlined"
          required={props.required}
          error={props.error || Boolean(clusters.error)}
          helperText={helper}
        />
      )}
    />
  );
}
