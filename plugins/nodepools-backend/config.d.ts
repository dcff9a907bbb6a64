export interface Config {
  nodepools?: {
    /**
     * Default schedule of every source's sync (frequency, timeout,
     * initialDelay as Backstage durations). Defaults to every 5 minutes.
     */
    schedule?: {
      frequency: { cron: string } | { minutes?: number; hours?: number; seconds?: number } | string;
      timeout: { minutes?: number; hours?: number; seconds?: number } | string;
      initialDelay?: { minutes?: number; hours?: number; seconds?: number } | string;
    };

    /** Who owns a pool. Precedence: `rules`, then tags (`tagKeys`), then labels (`labelKeys`). */
    ownership?: {
      /** Tag keys whose value names the owner, first match wins. Default: owner, team, backstage.io/owner. */
      tagKeys?: string[];
      /** Node label keys whose value names the owner, first match wins. Default: owner, team, backstage.io/owner. */
      labelKeys?: string[];
      /** Explicit owners for pools matching every given field (`*` globs allowed). */
      rules?: Array<{
        provider?: string;
        account?: string;
        region?: string;
        cluster?: string;
        pool?: string;
        /** A catalog entity ref; a bare name means a group in the default namespace. */
        owner: string;
      }>;
    };

    sources?: {
      /**
       * Exports of the clouds' CLIs/APIs on disk, detected by shape: `aws eks
       * describe-nodegroup`, Karpenter NodePool YAML, GKE node pool lists
       * (REST or gcloud), AKS agent pools (ARM REST or az CLI), DOKS node pools
       * (REST or doctl). Relative paths are resolved against the app's root.
       */
      files?: Array<{
        path: string;
        /** Cluster name, for exports that do not carry it (DOKS, Karpenter). */
        cluster?: string;
        region?: string;
        /** Cloud account, project, subscription or team. */
        account?: string;
      }>;
      /** Schedule of the file source; defaults to `nodepools.schedule`. */
      filesSchedule?: {
        frequency: { cron: string } | { minutes?: number; hours?: number; seconds?: number } | string;
        timeout: { minutes?: number; hours?: number; seconds?: number } | string;
        initialDelay?: { minutes?: number; hours?: number; seconds?: number } | string;
      };
    };
  };
}
