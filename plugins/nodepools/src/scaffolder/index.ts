export { NodePoolPickerField } from './NodePoolPickerField';
export { validateNodePoolPicker } from './validation';
export { specFromForm, TEMPLATE_PARAMETERS } from './specFromForm';
export type { NodePoolPickerValue } from './specFromForm';
