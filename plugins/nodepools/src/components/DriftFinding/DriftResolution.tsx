import Typography from '@material-ui/core/Typography';
import { CodeSnippet } from '@backstage/core-components';
import type { Resolution } from '@nodepools/plugin-nodepools-common';

const LANGUAGE: Readonly<Record<Resolution['kind'], string>> = {
  shell: 'bash',
  hcl: 'hcl',
  yaml: 'yaml',
  note: 'text',
};

/** One way out of a finding: the text with a copy button, and what to know before using it. */
export function DriftResolution({ title, resolution, testId }: { title: string; resolution?: Resolution; testId: string }) {
  return (
    <div data-testid={testId} data-kind={resolution?.kind ?? 'none'}>
      <Typography variant="subtitle2">{title}</Typography>
      {!resolution && (
        <Typography variant="body2" color="textSecondary">
          Nothing to render for this finding.
        </Typography>
      )}
      {resolution?.kind === 'note' && <Typography variant="body2">{resolution.text}</Typography>}
      {resolution && resolution.kind !== 'note' && (
        <CodeSnippet text={resolution.text} language={LANGUAGE[resolution.kind]} showCopyCodeButton />
      )}
      {resolution?.note && (
        <Typography variant="caption" color="textSecondary">
          {resolution.note}
        </Typography>
      )}
    </div>
  );
}
