import type { MachineCatalog } from '../../machines/catalog';
import type { MachineCategory } from '../../machines/types';
import type { ClusterIdentity } from '../../model/cluster';
import type { PricingOverrides } from '../../pricing/overrides';
import type { RequestKind } from '../kinds';
import type { PoolRequestSpec } from '../types';

/** Which machine types a cluster (or all clusters of a kind) allows: globs over names and families. */
export interface MachineTypeRule {
  kind?: RequestKind;
  /** A cluster ref or name; `*` globs allowed. */
  cluster?: string;
  /** Machine type names, `*` globs allowed (`m6i.*`). */
  allow?: string[];
  /** Catalog families (`m6i`, `e2`, `Dsv5`). */
  families?: string[];
}

export interface OwnerQuota {
  /** The most nodes of all the owner's pools at their maximum size. */
  maxNodes?: number;
  /** USD per month: the owner's pools now plus the request at its maximum size. */
  monthlyCost?: number;
}

/** `nodepools.requests.policy`, read and checked. */
export interface RequestPolicy {
  /** A regular expression every name must match; per kind defaults when absent. */
  namePattern?: string;
  machineTypes: MachineTypeRule[];
  /** Applies to owners without a quota of their own. */
  defaultQuota?: OwnerQuota;
  quotas: Record<string, OwnerQuota>;
  /** Machine categories whose pools must be tainted so that only the pods that need them land there. */
  specialisedCategories: MachineCategory[];
}

export const DEFAULT_SPECIALISED_CATEGORIES: readonly MachineCategory[] = ['gpu', 'accelerator', 'memory'];

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  machineTypes: [],
  quotas: {},
  specialisedCategories: [...DEFAULT_SPECIALISED_CATEGORIES],
};

/** What the owner already has, from the inventory: live pools only. */
export interface OwnerUsage {
  /** Nodes of the owner's pools at their maximum size (fixed pools at their count). */
  maxNodes: number;
  /** USD per month of the owner's priced pools at their current size. */
  monthly: number;
}

/**
 * Everything the checks read, gathered by the caller: the checks are pure,
 * so the same answer comes from the API, the Scaffolder action and tests.
 */
export interface PolicyInput {
  spec: PoolRequestSpec;
  policy: RequestPolicy;
  catalog: MachineCatalog;
  pricing?: PricingOverrides;
  /** The cluster as the inventory knows it; undefined with `clusterProblem` when it does not. */
  cluster?: ClusterIdentity;
  clusterProblem?: string;
  /** Names of the live pools of the cluster. */
  poolNames: ReadonlySet<string>;
  /** Open requests of the cluster by pool name (the request being checked left out). */
  openRequests: ReadonlyMap<string, string>;
  ownerUsage: OwnerUsage;
  /** True or false as the catalog answered; undefined when the catalog could not be asked. */
  ownerExists?: boolean;
  /** Why the catalog could not be asked. */
  ownerLookupProblem?: string;
}
