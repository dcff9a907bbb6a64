import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { nodePoolsApiRef } from '../api';
import { specFieldOf, statusOf } from '../lib/requestFormat';
import { errorMessage } from '../lib/format';
import { meaningfulViolations, specFromForm, type NodePoolPickerValue } from './specFromForm';

/**
 * Blocks the template's step while the kind, cluster or machine type is
 * missing, or while the pool policies find an error in what the user
 * chose. When the check itself cannot be made the step goes on: the
 * `nodepools:request:create` action checks again.
 */
export const validateNodePoolPicker: CustomFieldValidator<NodePoolPickerValue> = async (value, field, context) => {
  if (!value?.kind) field.addError('Choose the kind of pool');
  if (!value?.cluster) field.addError('Choose a cluster');
  if (!value?.machineTypes?.length) field.addError('Choose a machine type');
  if (!value?.kind || !value.cluster || !value.machineTypes?.length) return;
  const api = context.apiHolder.get(nodePoolsApiRef);
  if (!api) return;
  const { spec, standIns } = specFromForm(value, context.formData);
  try {
    const result = await api.validateRequest({ spec });
    for (const v of meaningfulViolations(result.violations, standIns)) {
      if (v.severity === 'error') field.addError(`${v.field}: ${v.message}`);
    }
  } catch (error) {
    const at = specFieldOf(error);
    if (statusOf(error) === 400 && at && !standIns.some(f => at === f || at.startsWith(`${f}.`))) {
      field.addError(errorMessage(error));
    }
  }
};
