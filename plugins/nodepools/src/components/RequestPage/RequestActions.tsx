import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  nodepoolRequestApprovePermission,
  nodepoolRequestCreatePermission,
  type PoolRequestDetail,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef, type RequestReviewAction } from '../../api';
import { requestErrorMessage, statusOf } from '../../lib/requestFormat';

const LABELS: Record<RequestReviewAction, string> = {
  submit: 'Submit for approval',
  approve: 'Approve',
  reject: 'Reject',
  cancel: 'Cancel request',
};

const ORDER: RequestReviewAction[] = ['approve', 'reject', 'submit', 'cancel'];

export interface RequestActionsProps {
  request: PoolRequestDetail;
  /** Called with the request after a transition. */
  onChanged(request: PoolRequestDetail): void;
  /** Loads the request again, after a 409. */
  onReload(): void;
}

/**
 * The transitions the caller may take now (the backend's `allowed`), with
 * an optional comment. Approve and reject also need
 * `nodepool.request.approve`: without it they are shown disabled with the
 * reason. A decision made on an old version (another approver was faster)
 * comes back 409 and is said plainly, with a way to reload.
 */
export function RequestActions({ request, onChanged, onReload }: RequestActionsProps) {
  const api = useApi(nodePoolsApiRef);
  const approve = usePermission({ permission: nodepoolRequestApprovePermission });
  const create = usePermission({ permission: nodepoolRequestCreatePermission });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<RequestReviewAction>();
  const [error, setError] = useState<Error>();

  const actions = ORDER.filter(a => request.allowed.includes(a));
  if (!actions.length) {
    return (
      <Typography variant="body2" color="textSecondary" data-testid="request-no-actions">
        Nothing to do here for you in this state.
      </Typography>
    );
  }

  const permitted = (action: RequestReviewAction) => {
    if (action === 'approve' || action === 'reject') return approve.allowed;
    if (action === 'submit') return create.allowed;
    return true;
  };

  const take = async (action: RequestReviewAction) => {
    setBusy(action);
    setError(undefined);
    try {
      onChanged(await api.transitionRequest(request.id, action, { version: request.version, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
      setComment('');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const conflict = error && statusOf(error) === 409;
  return (
    <Box display="flex" flexDirection="column" gridGap={12} data-testid="request-actions">
      <TextField
        id="request-comment"
        label="Comment"
        variant="outlined"
        multiline
        minRows={2}
        value={comment}
        onChange={e => setComment(e.target.value)}
        helperText="Kept in the audit trail with your decision"
      />
      <Box display="flex" gridGap={8} flexWrap="wrap">
        {actions.map(action => (
          <Button
            key={action}
            variant={action === 'approve' || action === 'submit' ? 'contained' : 'outlined'}
            color={action === 'reject' || action === 'cancel' ? 'secondary' : 'primary'}
            disabled={Boolean(busy) || !permitted(action)}
            onClick={() => take(action)}
          >
            {LABELS[action]}
          </Button>
        ))}
      </Box>
      {actions.some(a => (a === 'approve' || a === 'reject') && !permitted(a)) && (
        <Typography variant="body2" color="textSecondary" data-testid="request-approve-denied">
          {`Approving and rejecting needs the permission ${nodepoolRequestApprovePermission.name}.`}
        </Typography>
      )}
      {error && (
        <div data-testid={conflict ? 'request-conflict' : 'request-action-error'}>
          <WarningPanel
            severity={conflict ? 'warning' : 'error'}
            title={conflict ? 'This request changed meanwhile' : 'The action was refused'}
            message={requestErrorMessage(error)}
            defaultExpanded
          >
            {conflict && (
              <Button variant="outlined" onClick={onReload}>
                Reload the request
              </Button>
            )}
          </WarningPanel>
        </div>
      )}
    </Box>
  );
}
