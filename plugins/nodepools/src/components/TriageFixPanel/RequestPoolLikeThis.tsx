import { LinkButton } from '@backstage/core-components';
import type { SuggestedPool } from '@nodepools/plugin-nodepools-common';
import { useNewRequestLink } from '../../hooks/useRequestLinks';
import { draftFromSuggestion } from '../../lib/requestDraft';
import { useTriageCluster } from './TriageClusterContext';

/** Opens the request form with the suggested pool in the triaged cluster; nothing where requests are not mounted. */
export function RequestPoolLikeThis({ spec }: { spec: SuggestedPool }) {
  const cluster = useTriageCluster();
  const link = useNewRequestLink();
  const draft = draftFromSuggestion(spec, cluster);
  const to = draft && link(draft);
  if (!to) return null;
  return (
    <LinkButton variant="outlined" color="primary" size="small" to={to} data-testid="triage-fix-request-pool">
      Request a pool like this
    </LinkButton>
  );
}
