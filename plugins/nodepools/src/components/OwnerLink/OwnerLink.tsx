import Typography from '@material-ui/core/Typography';
import { parseEntityRef, type CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  entityRouteRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import type { OwnerSource } from '@nodepools/plugin-nodepools-common';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';

export interface OwnerLinkProps {
  /** A catalog entity ref such as `group:default/payments`. */
  owner?: string;
  ownerSource?: OwnerSource;
}

function parseOwner(owner: string): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(owner, { defaultKind: 'group' });
  } catch {
    return undefined;
  }
}

/**
 * The owner as a link to its catalog page. Outside an app with a catalog (or
 * for a value that is no entity ref) it is plain text.
 */
export function OwnerLink({ owner, ownerSource }: OwnerLinkProps) {
  const entityRoute = useOptionalRouteRef(entityRouteRef);
  if (!owner) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        No owner
      </Typography>
    );
  }
  const ref = parseOwner(owner);
  const title = ownerSource ? `Owner from ${ownerSource}` : undefined;
  if (!ref) {
    return (
      <span data-testid="pool-owner" title={title}>
        {owner}
      </span>
    );
  }
  return (
    <span data-testid="pool-owner" title={title}>
      {entityRoute ? (
        <EntityRefLink entityRef={ref} defaultKind="group" />
      ) : (
        humanizeEntityRef(ref, { defaultKind: 'group' })
      )}
    </span>
  );
}
