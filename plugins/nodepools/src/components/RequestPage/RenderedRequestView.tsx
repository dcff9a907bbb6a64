import { useState } from 'react';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet } from '@backstage/core-components';
import type { RenderedRequest, Resolution } from '@nodepools/plugin-nodepools-common';

const LANGUAGES: Record<Resolution['kind'], string> = { hcl: 'hcl', shell: 'bash', yaml: 'yaml', note: 'text' };

interface Rendering {
  id: string;
  label: string;
  resolution: Resolution;
}

/** The approved pool as Terraform, as the cloud's command and (Karpenter) as its manifest, each copyable. */
export function RenderedRequestView({ rendered }: { rendered: RenderedRequest }) {
  const renderings: Rendering[] = [
    { id: 'terraform', label: 'Terraform', resolution: rendered.terraform },
    { id: 'cli', label: 'CLI', resolution: rendered.cli },
    ...(rendered.manifest ? [{ id: 'manifest', label: 'Karpenter YAML', resolution: rendered.manifest }] : []),
  ];
  const [tab, setTab] = useState(0);
  const shown = renderings[Math.min(tab, renderings.length - 1)];
  return (
    <div data-testid="request-rendered">
      <Tabs value={tab} onChange={(_e, next: number) => setTab(next)} indicatorColor="primary" aria-label="Rendered as">
        {renderings.map(r => (
          <Tab key={r.id} label={r.label} id={`rendered-tab-${r.id}`} />
        ))}
      </Tabs>
      <div data-testid={`rendered-${shown.id}`} role="tabpanel" aria-labelledby={`rendered-tab-${shown.id}`}>
        {shown.resolution.note && (
          <Typography variant="body2" color="textSecondary" paragraph>
            {shown.resolution.note}
          </Typography>
        )}
        <CodeSnippet language={LANGUAGES[shown.resolution.kind]} text={shown.resolution.text} showCopyCodeButton />
      </div>
      {rendered.notes.length > 0 && (
        <ul data-testid="rendered-notes">
          {rendered.notes.map(note => (
            <li key={note}>
              <Typography variant="body2">{note}</Typography>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
