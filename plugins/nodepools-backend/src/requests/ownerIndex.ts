import {
  clustersAgree,
  DESIRED_STATES,
  parseClusterRef,
  REQUEST_KIND_PROFILES,
  type ClusterIdentity,
  type PoolSpec,
  type Provider,
} from '@nodepools/plugin-nodepools-common';
import type { RequestStore } from '../store/RequestStore';

interface Entry {
  provider: Provider;
  cluster: ClusterIdentity;
  owner: string;
}

/**
 * The owners approved requests give their pools, looked up synchronously
 * while a sync prepares pools. Refreshed before each sync and after each
 * transition, so a replica that did not make the approval still knows it.
 */
export class RequestOwnerIndex {
  private byName = new Map<string, Entry[]>();

  async refresh(requests: RequestStore): Promise<void> {
    const next = new Map<string, Entry[]>();
    for (const request of await requests.listInStates(DESIRED_STATES)) {
      const cluster = parseClusterRef(request.spec.cluster);
      const key = `${cluster.cluster}\u0000${request.spec.name}`;
      const entries = next.get(key) ?? [];
      entries.push({ provider: REQUEST_KIND_PROFILES[request.kind].provider, cluster, owner: request.spec.owner });
      next.set(key, entries);
    }
    this.byName = next;
  }

  /** The owner an approved request names for this pool. */
  ownerOf(spec: Pick<PoolSpec, 'provider' | 'account' | 'region' | 'cluster' | 'name'>): string | undefined {
    const entries = this.byName.get(`${spec.cluster}\u0000${spec.name}`);
    return entries?.find(e => e.provider === spec.provider && clustersAgree(e.cluster, spec))?.owner;
  }
}
