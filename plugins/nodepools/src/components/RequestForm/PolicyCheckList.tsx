import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import CheckIcon from '@material-ui/icons/CheckCircle';
import type { FieldProblem } from '../../lib/requestFormat';

/** Every policy check the spec does not pass, errors first, each naming its field and rule. */
export function PolicyCheckList({ violations, checking }: { violations: readonly FieldProblem[]; checking: boolean }) {
  const rank = (v: FieldProblem) => (v.severity === 'error' ? 0 : 1);
  const sorted = [...violations].sort((a, b) => rank(a) - rank(b));
  if (!sorted.length) {
    return (
      <Typography variant="body2" data-testid="policy-checks" data-state={checking ? 'checking' : 'passed'}>
        <CheckIcon fontSize="inherit" style={{ verticalAlign: 'middle' }} />{' '}
        {checking ? 'Checking against the policies…' : 'Passes every policy check.'}
      </Typography>
    );
  }
  return (
    <List dense disablePadding data-testid="policy-checks" data-state={checking ? 'checking' : 'checked'}>
      {sorted.map(v => (
        <ListItem key={`${v.field}:${v.rule}:${v.message}`} disableGutters data-severity={v.severity}>
          <ListItemIcon style={{ minWidth: 32 }}>
            {v.severity === 'error' ? (
              <ErrorIcon color="error" titleAccess="Error" />
            ) : (
              <WarningIcon style={{ color: '#f5a623' }} titleAccess="Warning" />
            )}
          </ListItemIcon>
          <ListItemText primary={v.message} secondary={`${v.field} · ${v.rule}`} />
        </ListItem>
      ))}
    </List>
  );
}
