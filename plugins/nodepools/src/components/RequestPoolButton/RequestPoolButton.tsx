import { Link, LinkButton } from '@backstage/core-components';
import type { NodePool } from '@nodepools/plugin-nodepools-common';
import { useNewRequestLink, useRequestListLinks } from '../../hooks/useRequestLinks';
import { draftFromPool } from '../../lib/requestDraft';

/** "Request a pool" and the way to the user's requests, for the pools page. */
export function RequestPoolButton() {
  const to = useNewRequestLink()();
  const lists = useRequestListLinks();
  if (!to) return null;
  return (
    <>
      {lists.mine && (
        <Link to={lists.mine} style={{ marginLeft: 16, marginRight: 16 }}>
          Requests
        </Link>
      )}
      <LinkButton variant="contained" color="primary" to={to} data-testid="request-pool">
        Request a pool
      </LinkButton>
    </>
  );
}

/** "Clone": the request form prefilled with this pool's settings, under a new name. */
export function ClonePoolButton({ pool }: { pool: NodePool }) {
  const link = useNewRequestLink();
  const draft = draftFromPool(pool);
  const to = draft && link(draft);
  if (!to) return null;
  return (
    <LinkButton variant="contained" color="primary" to={to} data-testid="clone-pool">
      Request a pool like this
    </LinkButton>
  );
}
