import type { ReactNode } from 'react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CodeSnippet } from '@backstage/core-components';
import type {
  FixKind,
  SuggestedPool,
  TriageFix,
} from '@nodepools/plugin-nodepools-common';
import { formatKeyValue, providerLabel } from '../../lib/format';
import { TaintChips } from '../TaintChips';
import { nodeSelectorYaml, tolerationsYaml } from './fixSnippets';
import { RequestPoolLikeThis } from './RequestPoolLikeThis';

const FIX_LABELS: Record<FixKind, string> = {
  none: 'Fits now',
  'remove-scheduling-gates': 'Remove scheduling gates',
  'wait-for-scale-up': 'Wait for scale-up',
  'add-toleration': 'Add toleration',
  'target-pool': 'Target pool',
  'lower-request': 'Lower request',
  'raise-max': 'Raise max',
  'enable-prefix-delegation': 'Enable prefix delegation',
  'new-pool': 'New pool',
  'recreate-pod': 'Recreate pod',
  'ip-exhaustion': 'IP exhaustion',
};

/** How the fix reads on its chip; an unknown kind from a newer backend as it is. */
export function fixLabel(kind: string): string {
  return FIX_LABELS[kind as FixKind] ?? kind;
}

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  heading: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.5),
    margin: 0,
    ...theme.typography.body2,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  chips: { display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' },
}));

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function NewPoolSpec({ spec }: { spec: SuggestedPool }) {
  const classes = useStyles();
  const labels = Object.entries(spec.labels);
  const platform = [spec.os, spec.arch].filter(Boolean).join('/');
  return (
    <dl className={classes.facts} aria-label="New pool spec" data-testid="triage-fix-new-pool">
      {spec.provider && <Fact term="Cloud">{providerLabel(spec.provider)}</Fact>}
      {spec.machineType && <Fact term="Machine type">{spec.machineType}</Fact>}
      {platform && <Fact term="Platform">{platform}</Fact>}
      <Fact term="Labels">
        {labels.length ? (
          <span className={classes.chips}>
            {labels.map(([k, v]) => (
              <Chip key={k} size="small" variant="outlined" label={formatKeyValue(k, v)} />
            ))}
          </span>
        ) : (
          '—'
        )}
      </Fact>
      <Fact term="Taints">
        {spec.taints.length ? (
          <span className={classes.chips}>
            <TaintChips taints={spec.taints} />
          </span>
        ) : (
          '—'
        )}
      </Fact>
      <Fact term="Zones">{spec.zones.length ? spec.zones.join(', ') : 'any'}</Fact>
    </dl>
  );
}

export interface TriageFixPanelProps {
  fix: TriageFix;
  /** Names of the pods the fix is for, when a group has more than one fix. */
  pods?: string[];
}

/**
 * The smallest change that lets the pods schedule: its kind, the engine's
 * sentence, and the details to act on, ready to paste into a manifest.
 */
export function TriageFixPanel({ fix, pods }: TriageFixPanelProps) {
  const classes = useStyles();
  return (
    <div className={classes.root} data-testid="triage-fix" data-kind={fix.kind}>
      <div className={classes.heading}>
        <Chip size="small" color="primary" label={fixLabel(fix.kind)} data-testid="triage-fix-kind" />
        <Typography variant="body2" component="span">
          {fix.text}
        </Typography>
      </div>
      {pods && pods.length > 0 && (
        <Typography variant="caption" color="textSecondary">
          {`For ${pods.join(', ')}`}
        </Typography>
      )}
      {fix.tolerations && fix.tolerations.length > 0 && (
        <div data-testid="triage-fix-tolerations">
          <Typography variant="caption" color="textSecondary">
            Add to the pod spec
          </Typography>
          <CodeSnippet language="yaml" text={tolerationsYaml(fix.tolerations)} showCopyCodeButton />
        </div>
      )}
      {fix.nodeSelector && (
        <div data-testid="triage-fix-node-selector">
          <Typography variant="caption" color="textSecondary">
            Replace the pod's node selector and node affinity with
          </Typography>
          <CodeSnippet language="yaml" text={nodeSelectorYaml(fix.nodeSelector)} showCopyCodeButton />
        </div>
      )}
      {(fix.request || fix.max) && (
        <dl className={classes.facts}>
          {fix.request && (
            <Fact term={`Request ${fix.request.resource}`}>
              <span data-testid="triage-fix-request">{`${fix.request.from} → ${fix.request.to}`}</span>
            </Fact>
          )}
          {fix.max && (
            <Fact term={`Pool ${fix.pool ?? ''} ${fix.max.field}`.replace(/\s+/g, ' ')}>
              <span data-testid="triage-fix-max">{`${fix.max.from} → ${fix.max.to}`}</span>
            </Fact>
          )}
        </dl>
      )}
      {fix.newPool && <NewPoolSpec spec={fix.newPool} />}
      {fix.newPool && (
        <div>
          <RequestPoolLikeThis spec={fix.newPool} />
        </div>
      )}
    </div>
  );
}
