import type { DesiredField } from '../../desired/types';

/** One field that differs between a declared pool and its cloud pool. */
export interface FieldChange {
  field: DesiredField;
  /** The declared value, in the pool model (provider-added taints and labels left out). */
  desired: unknown;
  /** The cloud's value, in the same form. */
  actual: unknown;
  message: string;
}
