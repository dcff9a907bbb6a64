import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Reads a group typed by a person: `group:default/team-a`, `default/team-a`
 * or `team-a`, as the full entity ref the API takes. A ref of another kind
 * is refused: pools are handed to groups.
 */
export function parseGroupRef(text: string): { ref?: string; error?: string } {
  const value = text.trim();
  if (!value) return { error: 'Name the group that takes the pools over.' };
  try {
    const ref = parseEntityRef(value, { defaultKind: 'group', defaultNamespace: 'default' });
    if (!/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i.test(ref.name) || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/i.test(ref.namespace)) {
      return { error: `'${value}' is not an entity ref such as group:default/team-a.` };
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      return { error: `Pools are handed to a group, not a ${ref.kind}.` };
    }
    return { ref: stringifyEntityRef({ ...ref, kind: 'group' }) };
  } catch {
    return { error: `'${value}' is not an entity ref such as group:default/team-a.` };
  }
}
