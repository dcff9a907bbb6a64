import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { nodepoolsPlugin } from './plugin';
import { NodePoolPickerField, validateNodePoolPicker, type NodePoolPickerValue } from './scaffolder';

/**
 * The `NodePoolPicker` Scaffolder field (legacy frontend system): kind,
 * cluster and machine types of a pool request, checked and priced live.
 * Add it inside `<ScaffolderFieldExtensions>`; templates use
 * `ui:field: NodePoolPicker` on an object parameter.
 */
export const NodePoolPickerFieldExtension = nodepoolsPlugin.provide(
  createScaffolderFieldExtension<NodePoolPickerValue>({
    name: 'NodePoolPicker',
    component: NodePoolPickerField,
    validation: validateNodePoolPicker,
  }),
);
