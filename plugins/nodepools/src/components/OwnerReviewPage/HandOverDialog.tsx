import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { parseGroupRef } from '../../lib/entityRefInput';

export interface HandOverDialogProps {
  open: boolean;
  owner: string;
  pools: number;
  onClose(): void;
  /** Resolves once the hand-over is stored; rejects with the backend's error. */
  onHandOver(to: string): Promise<void>;
}

/** Names the group that takes the selected pools over, checked as an entity ref before it is sent. */
export function HandOverDialog({ open, owner, pools, onClose, onHandOver }: HandOverDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const close = () => {
    setText('');
    setError(undefined);
    onClose();
  };

  const submit = async () => {
    const parsed = parseGroupRef(text);
    if (!parsed.ref) {
      setError(parsed.error);
      return;
    }
    if (parsed.ref === owner) {
      setError(`The pools are already ${owner}'s.`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onHandOver(parsed.ref);
      setText('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="hand-over-title" fullWidth maxWidth="sm">
      <DialogTitle id="hand-over-title">Hand over pools</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {pools} pool{pools === 1 ? '' : 's'} of {owner} go to another group, which confirms them in its own review.
        </Typography>
        <TextField
          id="hand-over-to"
          label="Group"
          placeholder="group:default/team-a"
          required
          fullWidth
          margin="normal"
          value={text}
          error={Boolean(error)}
          onChange={e => setText(e.target.value)}
          helperText="An entity ref, or a group name in the default namespace"
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
          Hand over
        </Button>
      </DialogActions>
    </Dialog>
  );
}
