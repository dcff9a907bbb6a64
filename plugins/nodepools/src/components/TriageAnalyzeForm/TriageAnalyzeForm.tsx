import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AttachFileIcon from '@material-ui/icons/AttachFile';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  TriageAnalyzeRequest,
  TriageReport,
} from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api';
import { errorMessage, formatBytes } from '../../lib/format';
import { TriageReportView } from '../TriageReportView';

type InputName = 'pods' | 'nodes' | 'events';

interface InputSpec {
  name: InputName;
  label: string;
  command: string;
  required: boolean;
}

const INPUTS: InputSpec[] = [
  { name: 'pods', label: 'pods.json', command: 'kubectl get pods -A -o json', required: true },
  { name: 'nodes', label: 'nodes.json', command: 'kubectl get nodes -o json', required: true },
  {
    name: 'events',
    label: 'events.json',
    command: 'kubectl get events -A -o json',
    required: false,
  },
];

/** Pasted text, or the content of a chosen file. */
interface JsonInput {
  text: string;
  file?: { name: string; size: number };
}

type Inputs = Record<InputName, JsonInput>;
type InputErrors = Partial<Record<InputName, string>>;

const EMPTY: Inputs = { pods: { text: '' }, nodes: { text: '' }, events: { text: '' } };

/**
 * Each input parsed, or the reason it cannot be: a message naming the file the
 * user chose (or the field they pasted into), so that they know what to fix.
 */
function parseInputs(inputs: Inputs): { values: Partial<Record<InputName, unknown>>; errors: InputErrors } {
  const values: Partial<Record<InputName, unknown>> = {};
  const errors: InputErrors = {};
  for (const spec of INPUTS) {
    const input = inputs[spec.name];
    const text = input.text.trim();
    const named = input.file ? `${input.file.name} (chosen for ${spec.label})` : `the pasted ${spec.label}`;
    if (!text) {
      if (spec.required) {
        errors[spec.name] = input.file
          ? `${named} is empty: it should hold the output of ${spec.command}`
          : `${spec.label} is required: paste the output of ${spec.command} or choose its file`;
      }
      continue;
    }
    try {
      values[spec.name] = JSON.parse(text);
    } catch (e) {
      errors[spec.name] = `${named} is not valid JSON: ${errorMessage(e)}`;
      continue;
    }
    const value = values[spec.name];
    if (typeof value !== 'object' || value === null) {
      errors[spec.name] = `${named} must be the JSON object that ${spec.command} prints`;
    }
  }
  return { values, errors };
}

/** A chosen file's text; FileReader works wherever file inputs do. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('the browser could not read it'));
    reader.readAsText(file);
  });
}

const useStyles = makeStyles(theme => ({
  form: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2), maxWidth: 960 },
  field: { display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) },
  fieldHeading: { display: 'flex', alignItems: 'center', gap: theme.spacing(1), flexWrap: 'wrap' },
  hiddenInput: { display: 'none' },
  code: { fontFamily: 'monospace', fontSize: theme.typography.body2.fontSize },
  textarea: { fontFamily: 'monospace', fontSize: theme.typography.caption.fontSize },
}));

interface JsonFieldProps {
  spec: InputSpec;
  value: JsonInput;
  error?: string;
  disabled: boolean;
  onChange(value: JsonInput): void;
}

function JsonField({ spec, value, error, disabled, onChange }: JsonFieldProps) {
  const classes = useStyles();
  const inputId = `triage-${spec.name}-file`;
  const [readError, setReadError] = useState<string>();

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setReadError(undefined);
    try {
      onChange({ text: await readText(file), file: { name: file.name, size: file.size } });
    } catch (e) {
      setReadError(`${file.name} could not be read: ${errorMessage(e)}`);
    }
  };

  return (
    <div className={classes.field}>
      <div className={classes.fieldHeading}>
        <Typography variant="subtitle2" component="span">
          {spec.required ? spec.label : `${spec.label} (optional)`}
        </Typography>
        <Typography variant="body2" color="textSecondary" className={classes.code} component="span">
          {spec.command}
        </Typography>
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          className={classes.hiddenInput}
          aria-label={`Choose ${spec.label}`}
          disabled={disabled}
          onChange={event => {
            onFile(event.target.files?.[0]);
            // Choosing the same file again after clearing it must fire again.
            event.target.value = '';
          }}
        />
        <label htmlFor={inputId}>
          <Button component="span" size="small" startIcon={<AttachFileIcon />} disabled={disabled}>
            Choose file
          </Button>
        </label>
      </div>
      {value.file ? (
        <div>
          <Chip
            icon={<AttachFileIcon />}
            label={`${value.file.name} · ${formatBytes(value.file.size)}`}
            data-testid={`triage-${spec.name}-file`}
          />
          <Button
            size="small"
            onClick={() => onChange({ text: '' })}
            disabled={disabled}
            aria-label={`Remove ${spec.label} file`}
          >
            Remove
          </Button>
          {(error || readError) && (
            <Typography variant="caption" color="error" component="p" role="alert">
              {error ?? readError}
            </Typography>
          )}
        </div>
      ) : (
        <TextField
          id={`triage-${spec.name}-text`}
          label={spec.label}
          value={value.text}
          onChange={event => onChange({ text: event.target.value })}
          multiline
          minRows={4}
          maxRows={12}
          variant="outlined"
          required={spec.required}
          disabled={disabled}
          error={Boolean(error || readError)}
          helperText={error ?? readError ?? `Paste the output of ${spec.command}`}
          InputProps={{ classes: { input: classes.textarea } }}
        />
      )}
    </div>
  );
}

/**
 * Triage without a live cluster source: kubectl's JSON pasted or uploaded,
 * sent to the backend, and the report shown as for a collected cluster.
 */
export function TriageAnalyzeForm() {
  const classes = useStyles();
  const api = useApi(nodePoolsApiRef);
  const [cluster, setCluster] = useState('');
  const [inputs, setInputs] = useState<Inputs>(EMPTY);
  const [inputErrors, setInputErrors] = useState<InputErrors>({});
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [report, setReport] = useState<TriageReport>();
  const requestRef = useRef<AbortController>();

  useEffect(() => () => requestRef.current?.abort(), []);

  const setInput = useCallback((name: InputName, value: JsonInput) => {
    setInputs(prev => ({ ...prev, [name]: value }));
    setInputErrors(prev => ({ ...prev, [name]: undefined }));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { values, errors } = parseInputs(inputs);
    setInputErrors(errors);
    setFailure(undefined);
    if (Object.keys(errors).length > 0) return;

    // Nodes before pods: the API's reader then binds each pod to its node as it reads it.
    const request: TriageAnalyzeRequest = {
      nodes: values.nodes,
      pods: values.pods,
      ...(values.events !== undefined ? { events: values.events } : {}),
      ...(cluster.trim() ? { cluster: cluster.trim() } : {}),
    };
    requestRef.current?.abort();
    const controller = new AbortController();
    requestRef.current = controller;
    setRunning(true);
    try {
      const result = await api.analyzeTriage(request, { signal: controller.signal });
      if (requestRef.current === controller) setReport(result);
    } catch (e) {
      if (requestRef.current === controller) {
        setReport(undefined);
        setFailure(errorMessage(e));
      }
    } finally {
      if (requestRef.current === controller) setRunning(false);
    }
  };

  return (
    <>
      <form className={classes.form} onSubmit={submit} aria-label="Analyze kubectl JSON" noValidate>
        <Typography variant="body2" color="textSecondary">
          For clusters the backend does not collect: paste or choose kubectl's JSON. Without a
          cluster name, pools are read from the nodes' labels only; with the name of a cluster
          in the inventory, its pools' templates also answer for new nodes.
        </Typography>
        <TextField
          id="triage-cluster-name"
          label="Cluster name"
          value={cluster}
          onChange={event => setCluster(event.target.value)}
          variant="outlined"
          size="small"
          disabled={running}
          helperText="Optional: the inventory's name of the cluster"
          style={{ maxWidth: 400 }}
        />
        {INPUTS.map(spec => (
          <JsonField
            key={spec.name}
            spec={spec}
            value={inputs[spec.name]}
            error={inputErrors[spec.name]}
            disabled={running}
            onChange={value => setInput(spec.name, value)}
          />
        ))}
        <Box>
          <Button type="submit" variant="contained" color="primary" disabled={running}>
            {running ? 'Analyzing…' : 'Analyze'}
          </Button>
        </Box>
      </form>
      <Box mt={3}>
        {running && <Progress />}
        {failure && (
          <WarningPanel
            severity="error"
            title="The input could not be analyzed"
            message={failure}
            defaultExpanded
          />
        )}
        {report && !running && <TriageReportView report={report} />}
      </Box>
    </>
  );
}
