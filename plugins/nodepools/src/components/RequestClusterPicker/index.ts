export { RequestClusterPicker } from './RequestClusterPicker';
export type { RequestClusterPickerProps } from './RequestClusterPicker';
