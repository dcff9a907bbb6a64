import {
  createExtensionPoint,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type {
  DesiredCluster,
  DesiredIssue,
  DesiredNote,
  DesiredPool,
} from '@nodepools/plugin-nodepools-common';

/**
 * What one scope of a desired-state source declares: a state file, an
 * object in a bucket, a workspace, a manifest URL, or the approved pool
 * requests. A scope is the unit of completeness, as for pool sources: its
 * pools replace what the scope declared before only when the read was
 * `complete`; otherwise the last complete read is kept and its findings
 * are marked stale, never resolved.
 *
 * @public
 */
export interface DesiredStateListing {
  /** Stable key within the source, e.g. `file:infra/prod.tfstate`, `s3://bucket/key`. */
  scope: string;
  /** Where people find the declaration: a file path or a URL. Never a credential. */
  location: string;
  /** True only when the whole scope was read and understood. */
  complete: boolean;
  /**
   * The version of what was read (an ETag, a generation, a state version
   * id, a content hash). Given back in `versions` on the next run.
   */
  version?: string;
  /**
   * The scope is as it was at the version given in `versions`: nothing was
   * read, `pools` is empty and the stored declaration stays.
   */
  unchanged?: boolean;
  /** The declared pools, each with its source, resource address and declared attributes. */
  pools: DesiredPool[];
  /** Clusters declared beside the pools (control-plane versions, cluster ids). */
  clusters?: DesiredCluster[];
  /** What the reader left out on purpose (sensitive attributes, pools without a cluster). */
  notes?: DesiredNote[];
  /** Why the scope is not complete, naming the file or URL and the address; never the body read. */
  error?: string;
  issues?: DesiredIssue[];
}

/**
 * A place the desired state of pools is read from. Contract, as for pool
 * sources:
 * - `list` returns one listing per scope it tried, failed ones included
 *   (`complete: false`, `pools: []`, `error`);
 * - `list` throws only when it cannot even enumerate its scopes; then
 *   every scope of the source keeps its last declaration, marked stale;
 * - a scope a successful `list` no longer returns is forgotten, and the
 *   findings resting on it are resolved;
 * - only whitelisted pool attributes leave the source (the readers of
 *   `@nodepools/plugin-nodepools-common` see to it): state files hold
 *   secrets, and nothing read is logged.
 *
 * Sources need not read files: a source of approved pool requests lists
 * one scope whose pools are the approved specs.
 *
 * @public
 */
export interface DesiredStateSource {
  /** Unique among desired-state sources, e.g. `desired-files`, an `s3` block's `id`. */
  readonly id: string;
  /** `files`, `s3`, `gcs`, `azure-blob`, `terraform-cloud`, `manifests`, or a module's own kind. */
  readonly kind: string;
  /** What it reads, for people. Never a credential. */
  readonly target: string;
  list(options: {
    signal?: AbortSignal;
    /** The version of each scope's last complete read, by scope key. */
    versions: ReadonlyMap<string, string>;
  }): Promise<DesiredStateListing[]>;
}

/**
 * Lets backend modules add desired-state sources of their own.
 *
 * @public
 */
export interface NodePoolsDesiredStateExtensionPoint {
  /** Adds a source; without a schedule it runs on `nodepools.desired.schedule`. */
  addDesiredStateSource(
    source: DesiredStateSource,
    schedule?: SchedulerServiceTaskScheduleDefinition,
  ): void;
}

/**
 * The extension point of the nodepools backend plugin's desired-state sources.
 *
 * @public
 */
export const nodepoolsDesiredStateExtensionPoint =
  createExtensionPoint<NodePoolsDesiredStateExtensionPoint>({
    id: 'nodepools.desired-state',
  });
