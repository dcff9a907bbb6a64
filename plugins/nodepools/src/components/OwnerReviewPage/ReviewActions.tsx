import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { nodepoolReviewConfirmPermission, type ConfirmReviewBody } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { PermissionNotice } from '../PermissionGate';
import { HandOverDialog } from './HandOverDialog';

export interface ReviewActionsProps {
  owner: string;
  selected: string[];
  /** False when the user may confirm none of the owner's pools. */
  allowed: boolean;
  /** Called once the backend stored the confirmation, to read the review again. */
  onDone(): void;
}

/** Confirms the selected pools as the owner's, or hands them to another group. */
export function ReviewActions({ owner, selected, allowed, onDone }: ReviewActionsProps) {
  const api = useApi(nodePoolsApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [error, setError] = useState<string>();

  if (!allowed) {
    return <PermissionNotice permission={nodepoolReviewConfirmPermission} doing="confirm or hand over these pools" />;
  }

  const send = async (body: ConfirmReviewBody, done: string) => {
    await api.confirmOwnerReview(owner, body);
    alertApi.post({ message: done, severity: 'success', display: 'transient' });
    onDone();
  };

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await send(
        { pools: selected.map(ref => ({ ref, action: 'confirm' as const })) },
        `Confirmed ${selected.length} pool${selected.length === 1 ? '' : 's'} owned by ${owner}`,
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
      <Button variant="contained" color="primary" disabled={!selected.length || busy} onClick={confirm}>
        Confirm selected
      </Button>
      <Button variant="outlined" disabled={!selected.length || busy} onClick={() => setHandingOver(true)}>
        Hand over
      </Button>
      <Typography variant="body2" color="textSecondary">
        {selected.length ? `${selected.length} selected` : 'Select the pools to confirm or hand over'}
      </Typography>
      {error && (
        <Typography color="error" role="alert">
          {error}
        </Typography>
      )}
      <HandOverDialog
        open={handingOver}
        owner={owner}
        pools={selected.length}
        onClose={() => setHandingOver(false)}
        onHandOver={async to => {
          await send(
            { pools: selected.map(ref => ({ ref, action: 'hand-over' as const, handTo: to })) },
            `Handed ${selected.length} pool${selected.length === 1 ? '' : 's'} to ${to}`,
          );
          setHandingOver(false);
        }}
      />
    </Box>
  );
}
