import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { requestStateLabel, requestStateStatus } from '../../lib/requestFormat';

const STATUS = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
  running: StatusRunning,
  aborted: StatusAborted,
};

/** A request's state, with Backstage's status colour. */
export function RequestStateChip({ state }: { state: string }) {
  const Status = STATUS[requestStateStatus(state)];
  return (
    <span data-testid="request-state" data-state={state}>
      <Status>{requestStateLabel(state)}</Status>
    </span>
  );
}
