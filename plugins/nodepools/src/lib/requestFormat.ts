import { ResponseError } from '@backstage/errors';
import type {
  RequestErrorResponse,
  RequestState,
  Violation,
} from '@nodepools/plugin-nodepools-common';
import { errorMessage } from './format';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

/** `$1,234.50` */
export function formatUsd(amount: number): string {
  return usd.format(amount);
}

const STATE_LABELS: Record<RequestState, string> = {
  draft: 'Draft',
  submitted: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  provisioning: 'Provisioning',
  provisioned: 'Provisioned',
  failed: 'Failed',
  expired: 'Expired',
};

export function requestStateLabel(state: string): string {
  return STATE_LABELS[state as RequestState] ?? state;
}

/** The status colour of a state, as Backstage's Status* components name them. */
export function requestStateStatus(state: string): 'ok' | 'warning' | 'error' | 'pending' | 'aborted' | 'running' {
  switch (state) {
    case 'approved':
    case 'provisioned':
      return 'ok';
    case 'submitted':
      return 'pending';
    case 'provisioning':
      return 'running';
    case 'rejected':
    case 'failed':
      return 'error';
    case 'expired':
      return 'warning';
    default:
      return 'aborted';
  }
}

/** The API's error body, when the error is an answer of the request API. */
export function requestErrorBody(error: unknown): RequestErrorResponse | undefined {
  return error instanceof ResponseError ? (error.body as RequestErrorResponse) : undefined;
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof ResponseError ? error.statusCode : undefined;
}

/** A 400's field as a path into the spec (`spec.autoscaling.max` → `autoscaling.max`). */
export function specFieldOf(error: unknown): string | undefined {
  const field = requestErrorBody(error)?.field;
  return field?.startsWith('spec.') ? field.slice('spec.'.length) : field;
}

/** What the request API's refusal means for the person who clicked. */
export function requestErrorMessage(error: unknown): string {
  const status = statusOf(error);
  const body = requestErrorBody(error);
  if (status === 409 && body?.currentVersion !== undefined) {
    return `Someone else changed this request while you were looking at it (it is now at version ${body.currentVersion}); nothing was changed. Reload it to see what they did.`;
  }
  if (status === 422 && body?.violations?.length) {
    return `The request breaks ${body.violations.length === 1 ? 'a policy' : `${body.violations.length} policies`}: ${body.violations
      .map(v => `${v.field}: ${v.message}`)
      .join('; ')}`;
  }
  return errorMessage(error);
}

/** A policy violation, or a field the API cannot read yet (rule `input`): what a form shows at a field. */
export type FieldProblem = Omit<Violation, 'rule'> & { rule: string };

/** A 400's message for its field: `Invalid field 'spec.name': must not be empty` → `must not be empty`. */
export function inputProblem(field: string, message: string): FieldProblem {
  return { field, message: message.replace(/^Invalid field '[^']*': /, ''), rule: 'input', severity: 'error' };
}

/** Problems whose field is this one or inside it (`autoscaling` holds `autoscaling.max`). */
export function violationsAt<T extends FieldProblem>(violations: readonly T[], field: string): T[] {
  return violations.filter(v => v.field === field || v.field.startsWith(`${field}.`));
}

/** The one line a form control shows under itself: errors first. */
export function fieldHelp(violations: readonly FieldProblem[]): { error: boolean; text?: string } {
  if (!violations.length) return { error: false };
  const errors = violations.filter(v => v.severity === 'error');
  const shown = errors.length ? errors : violations;
  return { error: errors.length > 0, text: shown.map(v => v.message).join('; ') };
}
