export { MachineTypePicker } from './MachineTypePicker';
export type { MachineTypePickerProps } from './MachineTypePicker';
