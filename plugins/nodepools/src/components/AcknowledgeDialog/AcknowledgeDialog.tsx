import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';

export interface AcknowledgeDialogProps<T> {
  /** Whether the dialog shows; it shows `message` as what is acknowledged. */
  open: boolean;
  /** Prefix of the element ids (`<id>-title`, `<id>-reason`, `<id>-until`). */
  id: string;
  title: string;
  message?: string;
  /** Shown when the reason is left empty. */
  reasonRequired: string;
  /** Under the date field: what happens after the day. */
  untilHelp: string;
  /** Sends the acknowledgement: `until` is the picked day (`YYYY-MM-DD`), if any. */
  acknowledge(reason: string, until?: string): Promise<T>;
  onClose(): void;
  onAcknowledged(result: T): void;
}

/**
 * An acknowledgement: a reason (required) and an optional day after which
 * it ends. The backend's error, naming the field, is shown as is.
 */
export function AcknowledgeDialog<T>(props: AcknowledgeDialogProps<T>) {
  const { open, id, title, message, reasonRequired, untilHelp, acknowledge, onClose, onAcknowledged } = props;
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
    if (!reason.trim()) {
      setError(reasonRequired);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await acknowledge(reason.trim(), until || undefined);
      reset();
      onAcknowledged(result);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={`${id}-title`} fullWidth maxWidth="sm">
      <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {message}
        </Typography>
        <TextField
          id={`${id}-reason`}
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
          id={`${id}-until`}
          label="Until (optional)"
          type="date"
          margin="normal"
          value={until}
          onChange={e => setUntil(e.target.value)}
          InputLabelProps={{ shrink: true }}
          helperText={untilHelp}
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
