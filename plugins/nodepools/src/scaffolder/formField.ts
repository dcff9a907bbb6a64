import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { NodePoolPickerField } from './NodePoolPickerField';
import { validateNodePoolPicker } from './validation';

/** The `NodePoolPicker` field for the new frontend system's Scaffolder. */
export const nodePoolPickerFormField = createFormField({
  name: 'NodePoolPicker',
  component: NodePoolPickerField,
  validation: validateNodePoolPicker,
});
