import { CodeSnippet, InfoCard, Progress } from '@backstage/core-components';
import {
  nodepoolRawReadPermission,
  type NodePoolDetail,
} from '@nodepools/plugin-nodepools-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { PermissionNotice } from '../PermissionGate';

/**
 * The pool's record as its provider returned it, to users who may read
 * raw records of this pool (`nodepool.raw.read`, which may depend on the
 * pool, e.g. on its owner).
 */
export function PoolRawRecord({ pool }: { pool: NodePoolDetail }) {
  const { loading, allowed } = usePermission({
    permission: nodepoolRawReadPermission,
    resourceRef: pool.ref,
  });
  let body;
  if (loading) {
    body = <Progress />;
  } else if (!allowed || !('raw' in pool)) {
    // The backend leaves the record out for whoever may not read it.
    body = (
      <PermissionNotice
        permission={nodepoolRawReadPermission}
        doing="see the provider record of this pool"
      />
    );
  } else {
    body = (
      <div data-testid="pool-raw">
        <CodeSnippet language="json" text={JSON.stringify(pool.raw, null, 2)} showCopyCodeButton />
      </div>
    );
  }
  return (
    <InfoCard title="Provider record" subheader={`As ${pool.source} read it`}>
      {body}
    </InfoCard>
  );
}
