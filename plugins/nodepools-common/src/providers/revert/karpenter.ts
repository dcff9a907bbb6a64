import type { Resolution } from '../../drift/types';
import { asMap, quoted, type ResolutionInput } from '../../drift/render/input';
import { shellResolution } from '../../drift/render/quote';

/* Karpenter NodePools are reverted with `kubectl patch`. */

/** A JSON merge patch: a key set to null is removed. */
function withRemovals(want: Record<string, string>, have: Record<string, string>): Record<string, string | null> {
  return { ...Object.fromEntries(Object.keys(have).filter(k => !(k in want)).map(k => [k, null])), ...want };
}

function patch(input: ResolutionInput, body: unknown): Resolution {
  return shellResolution(
    [['kubectl', 'patch', 'nodepool', input.pool.name, '--type', 'merge', '-p', JSON.stringify(body)]],
    `run against cluster ${quoted(input.pool.cluster)}; GitOps tools re-apply the manifest on their next sync`,
  );
}

export function karpenterRevert(input: ResolutionInput): Resolution | undefined {
  if (input.cause === 'not-in-iac') return shellResolution([['kubectl', 'delete', 'nodepool', input.pool.name]], 'Karpenter drains and deletes its nodes');
  if (input.cause !== 'changed') return undefined;
  switch (input.field) {
    case 'labels':
      return patch(input, { spec: { template: { metadata: { labels: withRemovals(asMap(input.desired), asMap(input.actual)) } } } });
    case 'taints':
      return patch(input, { spec: { template: { spec: { taints: input.desired ?? [] } } } });
    case 'requirements':
      return patch(input, { spec: { template: { spec: { requirements: input.desired ?? [] } } } });
    case 'limits':
      return patch(input, { spec: { limits: withRemovals(asMap(input.desired), asMap(input.actual)) } });
    case 'tags':
      return patch(input, { metadata: { labels: withRemovals(asMap(input.desired), asMap(input.actual)) } });
    default:
      return undefined;
  }
}
