import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type { GovernanceFindingRecord } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';

export interface FindingAcknowledgeDialogProps {
  /** The finding to acknowledge; the dialog is closed without one. */
  finding?: GovernanceFindingRecord;
  onClose(): void;
  onAcknowledged(finding: GovernanceFindingRecord): void;
}

/** The end of a day picked in a date field, as the ISO time the API takes. */
function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59.999Z`).toISOString();
}

/**
 * Acknowledges a governance finding: a reason (required) and an optional
 * day after which it counts again. The backend's error, naming the field,
 * is shown as is.
 */
export function FindingAcknowledgeDialog({ finding, onClose, onAcknowledged }: FindingAcknowledgeDialogProps) {
  const api = useApi(nodePoolsApiRef);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setReason('');
    setUntil('');
    setError(undefined);
  };

  const close = () => {
    reset();
    onClose();
  };

  const submit = async () => {
    if (!finding) return;
    if (!reason.trim()) {
      setError('Say why this finding is accepted.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const acknowledged = await api.acknowledgeFinding(finding.id, {
        reason: reason.trim(),
        ...(until ? { expiresAt: endOfDay(until) } : {}),
      });
      reset();
      onAcknowledged(acknowledged);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={Boolean(finding)} onClose={close} aria-labelledby="finding-acknowledge-title" fullWidth maxWidth="sm">
      <DialogTitle id="finding-acknowledge-title">Acknowledge finding</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {finding?.message}
        </Typography>
        <TextField
          id="finding-acknowledge-reason"
          label="Reason"
          required
          fullWidth
          multiline
          margin="normal"
          value={reason}
          onChange={e => setReason(e.target.value)}
          inputProps={{ maxLength: 2000 }}
        />
        <TextField
          id="finding-acknowledge-until"
          label="Until (optional)"
          type="date"
          margin="normal"
          value={until}
          onChange={e => setUntil(e.target.value)}
          InputLabelProps={{ shrink: true }}
          helperText="The finding counts again after this day"
        />
        {error && (
          <Typography color="error" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={submit} disabled={busy}>
          Acknowledge
        </Button>
      </DialogActions>
    </Dialog>
  );
}
