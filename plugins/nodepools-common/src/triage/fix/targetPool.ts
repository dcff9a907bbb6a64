import { FITS_AFTER_SCALE_UP, FITS_NOW, IGNORE_NODE_AFFINITY, type Evaluator, type PodNeeds } from '../evaluate';
import type { NodeSelectorTerm } from '../kube';
import { ARCH_LABEL, ARCH_LABEL_BETA, OS_LABEL, OS_LABEL_BETA } from '../labels';
import type { TriageFix } from '../types';
import { MAX_TRIES, poolsFittingWithout, tryChange, where } from './common';

/** Requirements that retargeting a pod must keep: its image only runs on one OS and architecture. */
const PLATFORM_LABELS = new Set([ARCH_LABEL, ARCH_LABEL_BETA, OS_LABEL, OS_LABEL_BETA]);

function platformOnly(terms: readonly NodeSelectorTerm[] | undefined): NodeSelectorTerm[] | null {
  if (!terms) return null;
  const kept = terms
    .map(term => ({ matchExpressions: (term.matchExpressions ?? []).filter(r => PLATFORM_LABELS.has(r.key)) }))
    .filter(term => term.matchExpressions.length > 0);
  return kept.length === terms.length ? kept : null;
}

export function targetPoolFix(evaluator: Evaluator, needs: PodNeeds): TriageFix | undefined {
  if (needs.affinityKeys.length === 0) return undefined;
  const candidates = poolsFittingWithout(evaluator, needs, IGNORE_NODE_AFFINITY, FITS_NOW | FITS_AFTER_SCALE_UP)
    .filter(pool => pool.label)
    .slice(0, MAX_TRIES);
  let later: TriageFix | undefined;
  for (const pool of candidates) {
    const nodeSelector: Record<string, string> = { [pool.label!]: pool.name };
    for (const [key, value] of Object.entries(needs.pod.nodeSelector)) {
      if (PLATFORM_LABELS.has(key)) nodeSelector[key] = value;
    }
    const result = tryChange(evaluator, needs, pool, {
      nodeSelector,
      nodeAffinityTerms: platformOnly(needs.pod.nodeAffinityTerms),
    });
    if (!result) continue;
    const fix: TriageFix = {
      kind: 'target-pool',
      pool: pool.name,
      nodeSelector,
      text: `target pool ${pool.name}: replace the pod's node selector and affinity with nodeSelector ${Object.entries(
        nodeSelector,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}; it then fits ${where(result)}`,
    };
    if (result.fitsNow) return fix;
    later ??= fix;
  }
  return later;
}
