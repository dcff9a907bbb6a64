export { TriageClusterPicker, clusterDetail, clusterLocation } from './TriageClusterPicker';
export type { TriageClusterPickerProps } from './TriageClusterPicker';
