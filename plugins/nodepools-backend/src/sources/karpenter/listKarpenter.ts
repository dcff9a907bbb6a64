import { ApisApi, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { SourceHttpError, SourceResponseError, type RequestRunner } from '../http';
import { kubeRequest, runnerFor } from '../kubernetes/kubeRequest';
import { DEFAULT_PAGE_SIZE, type ListingOptions } from '../kubernetes/observedNodes';
import { listInPages } from '../kubernetes/paging';

export const KARPENTER_GROUP = 'karpenter.sh';
/** Served NodePool versions, newest first: v1 since Karpenter 1.0, v1beta1 from 0.32 to 1.x. */
export const KARPENTER_VERSIONS = ['v1', 'v1beta1'] as const;
export type KarpenterVersion = (typeof KARPENTER_VERSIONS)[number];

/** A custom object as the API returns it: plain JSON. */
export type KubernetesObject = Record<string, unknown> & {
  metadata?: Record<string, unknown> & {
    name?: string;
    labels?: Record<string, string>;
    ownerReferences?: Array<{ kind?: string; name?: string }>;
    managedFields?: unknown;
  };
};

export type KarpenterNodePools =
  | { installed: false }
  | { installed: true; version: KarpenterVersion; items: KubernetesObject[] };

function listCustomObjects(
  api: CustomObjectsApi,
  runner: RequestRunner,
  version: string,
  plural: string,
  options: ListingOptions,
  onPage: (items: KubernetesObject[]) => void,
  onRestart: () => void,
): Promise<void> {
  const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const description = `GET /apis/${KARPENTER_GROUP}/${version}/${plural}`;
  return listInPages<KubernetesObject>(
    runner,
    {
      description,
      fetchPage: async (continueToken, requestOptions) => {
        const list = await api.listClusterCustomObject(
          { group: KARPENTER_GROUP, version, plural, limit, _continue: continueToken },
          requestOptions,
        );
        if (!list || !Array.isArray(list.items)) {
          throw new SourceResponseError(description, "the answer is not a list (no 'items' array)");
        }
        return { items: list.items, continueToken: list.metadata?.continue };
      },
      onPage,
      onRestart,
    },
    { signal: options.signal, redact: options.redact },
  );
}

const isNotFound = (error: unknown) =>
  error instanceof SourceHttpError && error.status === 404;

/**
 * The versions of `karpenter.sh` the API server serves, from discovery; an
 * empty list when the group is not served at all.
 */
async function servedKarpenterVersions(
  kubeConfig: KubeConfig,
  runner: RequestRunner,
  options: ListingOptions,
): Promise<string[]> {
  const api = kubeConfig.makeApiClient(ApisApi);
  const groups = await kubeRequest(
    runner,
    'GET /apis',
    requestOptions => api.getAPIVersions(requestOptions),
    { signal: options.signal, redact: options.redact },
  );
  const group = groups.groups?.find(g => g.name === KARPENTER_GROUP);
  return group?.versions.map(v => v.version) ?? [];
}

/**
 * Lists every NodePool of a cluster, in the newest version the cluster
 * serves. When neither version has NodePools (both 404), discovery decides:
 * no `karpenter.sh` group means Karpenter is not installed, which is a
 * complete answer with no pools, so pools of a Karpenter that was removed are
 * tombstoned. A 404 alone is not trusted for that, as anything in front of
 * the API server could answer it. A group without NodePools (Karpenter before
 * 0.32 only had Provisioners) is an error.
 */
export async function listKarpenterNodePools(
  kubeConfig: KubeConfig,
  options: ListingOptions,
): Promise<KarpenterNodePools> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  const runner = runnerFor(options);
  for (const version of KARPENTER_VERSIONS) {
    let items: KubernetesObject[] = [];
    try {
      await listCustomObjects(
        api,
        runner,
        version,
        'nodepools',
        options,
        page => items.push(...page),
        () => {
          items = [];
        },
      );
      return { installed: true, version, items };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const served = await servedKarpenterVersions(kubeConfig, runner, options);
  if (served.length === 0) return { installed: false };
  throw new Error(
    `${KARPENTER_GROUP} is served (${served.join(', ')}) but has no NodePools in ${KARPENTER_VERSIONS.join(
      ' or ',
    )}; Karpenter releases before 0.32 use Provisioners, which nodepools does not read`,
  );
}

/**
 * How many NodeClaims each NodePool owns, by the `karpenter.sh/nodepool`
 * label Karpenter puts on them (or the owner reference when a claim lacks it).
 * Read page by page; only the counts are kept.
 */
export async function countNodeClaimsByPool(
  kubeConfig: KubeConfig,
  version: KarpenterVersion,
  options: ListingOptions,
): Promise<Map<string, number>> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  let counts = new Map<string, number>();
  await listCustomObjects(
    api,
    runnerFor(options),
    version,
    'nodeclaims',
    options,
    page => {
      for (const claim of page) {
        const pool =
          claim.metadata?.labels?.['karpenter.sh/nodepool'] ??
          claim.metadata?.ownerReferences?.find(o => o.kind === 'NodePool')?.name;
        if (pool) counts.set(pool, (counts.get(pool) ?? 0) + 1);
      }
    },
    () => {
      counts = new Map();
    },
  );
  return counts;
}
