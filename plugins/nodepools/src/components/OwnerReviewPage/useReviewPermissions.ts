import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { nodepoolReviewConfirmPermission } from '@nodepools/plugin-nodepools-common';

export interface ReviewPermissions {
  loading: boolean;
  /** Pool refs the user may confirm or hand over. */
  allowed: ReadonlySet<string>;
}

/**
 * Which of the pools the user may confirm or hand over: the permission is
 * conditional on the pool (policies usually allow its owner), so each pool
 * is asked about; the permission API batches the questions.
 */
export function useReviewPermissions(poolRefs: string[]): ReviewPermissions {
  const permissionApi = useApi(permissionApiRef);
  const key = poolRefs.join('\n');
  const state = useAsync(async () => {
    const answers = await Promise.all(
      poolRefs.map(async ref => {
        const { result } = await permissionApi.authorize({ permission: nodepoolReviewConfirmPermission, resourceRef: ref });
        return [ref, result === AuthorizeResult.ALLOW] as const;
      }),
    );
    return new Set(answers.filter(([, ok]) => ok).map(([ref]) => ref));
  }, [permissionApi, key]);
  return { loading: state.loading, allowed: state.value ?? new Set() };
}
