import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type { DriftFindingRecord } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';

export interface DriftAcknowledgeDialogProps {
  /** The finding to acknowledge; the dialog is closed without one. */
  finding?: DriftFindingRecord;
  onClose(): void;
  onAcknowledged(finding: DriftFindingRecord): void;
}

/**
 * Acknowledges a finding: a reason (required) and an optional date after
 * which it re-opens. The backend's error, naming the field, is shown as is.
 */
export function DriftAcknowledgeDialog({ finding, onClose, onAcknowledged }: DriftAcknowledgeDialogProps) {
  const api = useApi(nodePoolsApiRef);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const close = () => {
    setReason('');
    setUntil('');
    setError(undefined);
    onClose();
  };

  const submit = async () => {
    if (!finding) return;
    if (!reason.trim()) {
      setError('Say why this drift is accepted.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const acknowledged = await api.acknowledgeDrift(finding.id, { reason: reason.trim(), ...(until ? { until } : {}) });
      setReason('');
      setUntil('');
      onAcknowledged(acknowledged);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={Boolean(finding)} onClose={close} aria-labelledby="drift-acknowledge-title" fullWidth maxWidth="sm">
      <DialogTitle id="drift-acknowledge-title">Acknowledge drift</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {finding?.message}
        </Typography>
        <TextField
          id="drift-acknowledge-reason"
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
          id="drift-acknowledge-until"
          label="Until (optional)"
          type="date"
          margin="normal"
          value={until}
          onChange={e => setUntil(e.target.value)}
          InputLabelProps={{ shrink: true }}
          helperText="The finding re-opens after this day"
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
