import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

/**
 * How a source calls its API: the same keys, the same retries and the same
 * errors for every cloud source block and for the clusters
 * (`nodepools.kubernetes`).
 */
interface RequestTuning {
  /** Timeout of one call attempt in milliseconds, the whole body and getting credentials included (default 30000). */
  timeoutMs?: number;
  /** Attempts per call, retrying 429, 5xx (but 501), timeouts and network errors (default 4). */
  maxAttempts?: number;
  /** The longest wait a Retry-After or rate-limit header may ask for, in milliseconds (default 60000). */
  maxRetryWaitMs?: number;
  /**
   * Pages one listing may take (default 1000); a listing that has more is
   * given up, its scope incomplete, so a server whose cursor never ends
   * cannot keep a sync busy.
   */
  maxPages?: number;
}

/** Request handling and schedule, the same for every cloud source block. */
interface CloudSourceTuning extends RequestTuning {
  /**
   * Lets `endpoint` be a plain `http:` URL (a local emulator); refused
   * otherwise, as the source's credentials would cross the network
   * unencrypted.
   */
  allowInsecureHttp?: boolean;
  /** Calls in flight at once (default 8). */
  concurrency?: number;
  /** Schedule of this source; defaults to `nodepools.schedule`. */
  schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  /**
   * Scheduled tasks the source's clusters are shared out between (default
   * 1, at most 1000). Each cluster belongs to one shard by a stable hash of
   * its scope key; each shard is a global task, so with several backend
   * replicas each replica may run some of them at once. Every shard still
   * enumerates the clusters (one listing call per region, project or
   * account) and reads only its own.
   */
  shards?: number;
}

/**
 * What a configured state, object, workspace or manifest cannot say about
 * itself. By default the values in the file win and these fill gaps.
 */
interface DesiredEntry {
  /** Cluster name, for declarations that do not carry it (manifests, node groups of another state's cluster). */
  cluster?: string;
  region?: string;
  /** Cloud account, project, subscription or team. */
  account?: string;
  /** Make these values win over the file's own when matching declared pools to cloud pools. */
  override?: boolean;
}

/** Price settings of a cloud, or of one of its regions (`nodepools.pricing`). */
interface PriceAdjustments {
  /**
   * Prices the organisation pays per machine type, USD per hour. Each row
   * needs at least one price; configured prices are used as they are (no
   * discount applied) and are not estimates.
   */
  machineTypes?: Array<{
    /** The provider's name of the type: `m5.large`, `e2-standard-4`, `Standard_D4s_v5`, `s-2vcpu-4gb`. */
    name: string;
    /** Linux on-demand price. */
    hourly?: number;
    /** Spot price; without it Spot is the on-demand price less `spotDiscountPercent`. */
    spotHourly?: number;
    /** Windows on-demand price, licence included; without it Windows pools get the Linux price, flagged as a lower bound. */
    windowsHourly?: number;
    /** EC2 Capacity Blocks for ML: the reservation's price per instance hour; without it capacity-block pools have no price. */
    capacityBlockHourly?: number;
  }>;
  /** A negotiated discount, in percent (0 to under 100), applied to every bundled list price. */
  discountPercent?: number;
  /** The Spot discount assumed where no Spot price is known, in percent (default 60; DigitalOcean has no Spot). */
  spotDiscountPercent?: number;
  /** The managed control plane's fee, USD per cluster per hour, replacing the bundled fee of every tier. */
  controlPlaneHourly?: number;
}

/** Price settings of one cloud, with region-specific ones. */
interface CloudPricing extends PriceAdjustments {
  /** Settings for one region (as the cloud spells it: `eu-west-1`, `europe-west4`, `westeurope`), which win over the cloud's. */
  regions?: { [region: string]: PriceAdjustments };
}

export interface Config {
  nodepools?: {
    /**
     * Default schedule of every source's sync (frequency, timeout,
     * initialDelay as Backstage durations). Defaults to every 5 minutes.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /**
     * Syncs started by hand (`POST /sources/:id/sync`, the Sync buttons),
     * which also need the permission `nodepool.source.sync`.
     */
    manualSync?: {
      /**
       * How often one source may be synced by hand, as a Backstage duration
       * (`{ minutes: 5 }`, `30s`, `PT1M`); sooner is a 429 with
       * `Retry-After`. Default one minute. Counted in the plugin's cache:
       * replicas sharing a cache store (Redis, Memcache, Valkey) share it.
       */
      minInterval?: HumanDuration | string;
    };

    /**
     * Sources that are no longer configured (the last file, a cloud block
     * taken out). Such a source is listed as `removed` on the sources page;
     * its pools stay live, marked stale, for the grace period, then are
     * tombstoned. Configured again within it, nothing is lost.
     */
    removedSources?: {
      /**
       * How long the pools of a removed source stay live, as a Backstage
       * duration (`{ hours: 12 }`, `1d`, `P1D`). Default one day.
       */
      gracePeriod?: HumanDuration | string;
    };

    /**
     * When a pool whose scope (its file, its cluster) has not been listed in
     * full for a while counts as stale, "not refreshed since <time>",
     * whatever stopped the listings.
     */
    staleness?: {
      /** Periods of the source's schedule (default 3). */
      missedRuns?: number;
      /**
       * A fixed age instead, for every source, as a Backstage duration.
       * Sources on a cron or manual schedule use it too, or one day when it
       * is not set.
       */
      after?: HumanDuration | string;
    };

    /**
     * Which source's copy of a pool counts when several sources list it,
     * by source id (`files`, an `eks` block's `id`, `karpenter`,
     * `kubernetes`, or the id of a source a backend module adds). Higher
     * wins. Defaults by kind: live cloud APIs (eks, gke, aks, doks) 300,
     * what the clusters report (karpenter, kubernetes) 200, files and any
     * other kind 100. A source takes a pool over from another only with a
     * strictly higher priority; otherwise its copy writes nothing.
     */
    sourcePriorities?: { [sourceId: string]: number };

    /** The pool listing (`GET /pools`, `GET /pools/facets`). */
    listing?: {
      /**
       * Memory per backend replica for assembled listings, in megabytes
       * (default 32; a quarter more holds their compressed copies). A page
       * is assembled once per query until the inventory changes (or the
       * minute its tag carries ends), then answered from memory; 0
       * assembles every answer.
       */
      cacheMb?: number;
    };

    /** The field-level history of every pool. */
    history?: {
      /**
       * How long history rows are kept, as a Backstage duration (`{ days:
       * 90 }`, `90d`, `P90D`). Default 400 days.
       */
      retention?: HumanDuration | string;
      /** When older rows are pruned (a global task). Default every hour. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * Who owns a pool. Precedence: `rules`, then tags (`tagKeys`), then
     * labels (`labelKeys`), then an approved pool request, then the owner of
     * the catalog's `kubernetes-cluster` Resource of the pool's cluster. Each
     * pool says where its owner came from (`ownerSource`) and whether the
     * catalog knows the owner as a Group or User (`ownerStatus`).
     */
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
      /**
       * Owners checked against the catalog by a global task: which owners
       * are catalog Groups or Users, and the catalog's `kubernetes-cluster`
       * Resources whose owner a pool without one takes (at its next sync). A
       * cluster entity stands for the cluster its `nodepools.io/cluster-ref`
       * annotation names (a cluster ref, or a bare name), else its
       * `backstage.io/kubernetes-cluster` annotation, else its own name.
       */
      catalog?: {
        /** Default true; without a catalog in the app, set false. */
        enabled?: boolean;
        /** Default every 10 minutes, 30 seconds after start-up. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
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
        /**
         * The export's format, for a file whose shape is not recognized (a
         * `--query` projection keeping only some fields, under their own
         * names): its records are read with that cloud's parser, fields it
         * lacks are unknown, and only the pool's name (and `cluster`, when the
         * records do not say it) is required. One of `eks`, `karpenter`,
         * `gke`, `aks-arm`, `aks-cli`, `doks`. Default: recognized by shape.
         */
        format?: 'eks' | 'karpenter' | 'gke' | 'aks-arm' | 'aks-cli' | 'doks';
      }>;
      /** Schedule of the file source; defaults to `nodepools.schedule`. */
      filesSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** EKS managed node groups, read with the AWS SDK. */
      eks?: Array<{
        /** Unique source id, shown on the sources page. */
        id: string;
        /** The AWS account, for pool refs when the node group ARN does not say it. */
        accountId?: string;
        regions: string[];
        /** A role to assume (from the default credential chain) to read this account. */
        roleArn?: string;
        /** @visibility secret */
        externalId?: string;
        /** Only these clusters; default all clusters of the regions. */
        clusters?: string[];
        /** A private or test endpoint instead of the public EKS one. */
        endpoint?: string;
        /** The EC2 endpoint for `DescribeSubnets` when `endpoint` is set (else AWS's). */
        ec2Endpoint?: string;
        /**
         * Read the free addresses of the node groups' subnets (default true,
         * except with `endpoint` and no `ec2Endpoint`).
         */
        describeSubnets?: boolean;
      } & CloudSourceTuning>;
      /** GKE node pools of every cluster of the projects, through the REST API. */
      gke?: Array<{
        id: string;
        projects: string[];
        /**
         * A service account key file, whose `token_uri` is honoured; default
         * application default credentials.
         */
        keyFile?: string;
        endpoint?: string;
      } & CloudSourceTuning>;
      /** AKS agent pools of every managed cluster of a subscription. */
      aks?: Array<{
        id: string;
        subscriptionId: string;
        /** With clientId and clientSecret: a service principal; default DefaultAzureCredential. */
        tenantId?: string;
        clientId?: string;
        /** @visibility secret */
        clientSecret?: string;
        /**
         * The Entra ID host of a sovereign or private cloud (an https origin,
         * e.g. `https://login.microsoftonline.us`); Azure's public one by default.
         */
        authorityHost?: string;
        endpoint?: string;
      } & CloudSourceTuning>;
      /** DigitalOcean Kubernetes node pools of every cluster of the token's team. */
      doks?: Array<{
        id: string;
        /** @visibility secret */
        token: string;
        endpoint?: string;
        /** Items per page (at most 200). */
        pageSize?: number;
      } & CloudSourceTuning>;
    };

    /**
     * Karpenter NodePools and the nodes of the clusters configured for
     * Backstage's kubernetes plugin (`kubernetes.clusterLocatorMethods`).
     */
    kubernetes?: {
      /** Read Karpenter / EKS Auto Mode NodePools (default true). */
      karpenter?: boolean;
      /** Roll up each cluster's nodes per pool (default true). */
      observeNodes?: boolean;
      /**
       * Also read each node's usage from `metrics.k8s.io` (as `kubectl top
       * nodes`) and keep it per pool beside the roll-up (default true). A
       * cluster without metrics-server is read as before.
       */
      nodeMetrics?: boolean;
      /** Objects per page when listing nodes and pods (default 500). */
      pageSize?: number;
      /** Clusters read at once, and calls in flight at once (default 4). */
      concurrency?: number;
      /** @deprecated Use `maxAttempts`. */
      attempts?: number;
      /** @deprecated Use `timeoutMs`. */
      requestTimeout?: { minutes?: number; seconds?: number; milliseconds?: number } | string;
      /** Node labels that name a node's pool, in order; replaces the built-in list. */
      poolLabelKeys?: string[];
      /**
       * Pod labels counted per pool to tell which workloads run on it
       * (`GET /workloads/pools` and the entity card of components). Default:
       * backstage.io/kubernetes-id, app.kubernetes.io/name, app. Label
       * selectors may name only these keys.
       */
      workloadLabelKeys?: string[];
      /**
       * Scheduled tasks the clusters are shared out between, for the
       * Karpenter and the observed-nodes source alike (default 1, at most
       * 1000): each cluster belongs to one shard by a stable hash of its
       * name, so several backend replicas share a large fleet.
       */
      shards?: number;
      /** Maps a Backstage cluster name to the cloud's identity of the cluster, so observed nodes merge onto cloud pools. */
      clusters?: Array<{
        name: string;
        cloudCluster?: {
          provider: string;
          account?: string;
          region?: string;
          cluster: string;
        };
      }>;
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    } & RequestTuning;
    /**
     * Self-service pool requests (README, "Requests"): the policies every
     * request is checked against, who approves, and how long an approved
     * request waits for its pool.
     */
    requests?: {
      /**
       * How long after approval the pool may take to appear in the
       * inventory before the request expires. Default: 14 days.
       */
      expireAfter?: HumanDuration | string;
      /**
       * Groups that approve requests for the clusters they match, in place of
       * the clusters' pool owners (the default approvers). A rule without
       * `cluster` and `provider` matches every cluster. When neither a rule
       * nor an owning group names approvers, anyone granted
       * `nodepool.request.approve` may approve.
       */
      approvers?: Array<{
        /** A cluster ref or name; `*` globs allowed. */
        cluster?: string;
        /** The cluster's provider: eks, gke, aks, doks, karpenter or kubernetes. */
        provider?: string;
        /** A catalog group ref (`group:default/platform`) or bare group name. */
        group: string;
      }>;
      policy?: {
        /**
         * A regular expression every pool name must match. Default: the
         * names each cloud accepts (DNS labels; AKS: up to 12 lowercase
         * letters and digits).
         */
        namePattern?: string;
        /**
         * Machine types allowed per kind and cluster; rules that match a
         * request add up. Without a matching rule, every type is allowed.
         */
        machineTypes?: Array<{
          /** eks-managed-node-group, karpenter-nodepool, gke-node-pool, aks-node-pool or doks-node-pool. */
          kind?: string;
          /** A cluster ref or name; `*` globs allowed. */
          cluster?: string;
          /** Machine type names, `*` globs allowed (`m6i.*`). */
          allow?: string[];
          /** Catalog families (`m6i`, `e2`, `Dsv5`). */
          families?: string[];
        }>;
        /**
         * Quotas per owner: the most nodes of all the owner's pools at their
         * maximum size plus the request's, and the most USD per month of the
         * owner's pools now plus the request at its maximum size.
         */
        quotas?: {
          default?: { maxNodes?: number; monthlyCost?: number };
          owners?: Array<{ owner: string; maxNodes?: number; monthlyCost?: number }>;
        };
        /**
         * Machine categories whose pools must be tainted. Default: gpu,
         * accelerator, memory.
         */
        specialisedCategories?: string[];
      };
    };
    /**
     * Negotiated rates and assumptions for the estimated costs (docs/PRICING.md).
     * Without this section pools are priced at the bundled on-demand list
     * prices of each cloud's reference region (AWS us-east-1, GCP
     * us-central1; Azure per region; DigitalOcean everywhere alike), Spot at
     * a 60% discount where no Spot price is bundled, monthly as hourly x 730
     * (672 hours on DigitalOcean).
     */
    pricing?: {
      aws?: CloudPricing;
      gcp?: CloudPricing;
      azure?: CloudPricing;
      digitalocean?: CloudPricing;
    };
    /**
     * Desired-state sources: what infrastructure-as-code declares for each
     * pool, compared with the inventory by the drift stage. Every state,
     * object, workspace and manifest is one scope: a read that fails keeps
     * the last complete declaration, and its findings are marked stale,
     * never resolved. Only whitelisted pool attributes are read from a
     * state; nothing read is logged.
     */
    desired?: {
      /** Schedule of every desired-state source without its own; defaults to `nodepools.schedule`. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Terraform states (format 4), `terraform show -json` output, eksctl
       * ClusterConfig files and Karpenter NodePool manifests on disk.
       * Relative paths are resolved against the app's root.
       */
      files?: Array<DesiredEntry & { path: string }>;
      /**
       * Karpenter NodePool manifests (plain, multi-document, or kustomize
       * build output) read through Backstage's URL reader and its SCM
       * integrations (`integrations.*`, `backend.reading.allow`), re-read
       * with their ETag.
       */
      manifests?: Array<DesiredEntry & {
        url: string;
        /** The cluster the NodePools are applied to: a NodePool does not say. */
        cluster: string;
      }>;
      /** Terraform states in S3 buckets (the `s3` backend), or an S3-compatible store. */
      s3?: Array<{
        /** Unique source id. */
        id: string;
        bucket: string;
        /** The bucket's region (default us-east-1). */
        region?: string;
        /** A private or test endpoint instead of AWS's. */
        endpoint?: string;
        /** Bucket in the path rather than the host name, as S3-compatible stores want. */
        forcePathStyle?: boolean;
        /** A role to assume (from the default credential chain), as the EKS source does. */
        roleArn?: string;
        /** @visibility secret */
        externalId?: string;
        /** Static keys instead of the default credential chain; both or neither. */
        accessKeyId?: string;
        /** @visibility secret */
        secretAccessKey?: string;
        states: Array<DesiredEntry & { key: string }>;
      } & CloudSourceTuning>;
      /** Terraform states in Google Cloud Storage (the `gcs` backend), through the JSON API. */
      gcs?: Array<{
        id: string;
        bucket: string;
        /** A service account key file, whose `token_uri` is honoured; default application default credentials. */
        keyFile?: string;
        /** Default https://storage.googleapis.com. */
        endpoint?: string;
        states: Array<DesiredEntry & { object: string }>;
      } & CloudSourceTuning>;
      /** Terraform states in Azure Blob Storage (the `azurerm` backend). */
      azureBlob?: Array<{
        id: string;
        /** The storage account; the blob service is https://<accountName>.blob.core.windows.net unless `endpoint` says. */
        accountName?: string;
        /** The blob service URL (an emulator, a private endpoint). */
        endpoint?: string;
        container: string;
        /** Shared key (with accountName). @visibility secret */
        accountKey?: string;
        /** A SAS token instead. @visibility secret */
        sasToken?: string;
        /** With clientId and clientSecret: a service principal; default DefaultAzureCredential. */
        tenantId?: string;
        clientId?: string;
        /** @visibility secret */
        clientSecret?: string;
        states: Array<DesiredEntry & { blob: string }>;
      } & CloudSourceTuning>;
      /** The current state of Terraform Cloud / Enterprise workspaces, through the state-version API. */
      terraformCloud?: Array<{
        id: string;
        /** Terraform Enterprise's address; default https://app.terraform.io. */
        endpoint?: string;
        organization: string;
        /** A team or user API token that may read state versions. @visibility secret */
        token: string;
        workspaces: Array<DesiredEntry & { name: string }>;
      } & CloudSourceTuning>;
    };

    /** The drift stage: declarations against the inventory and its nodes. */
    drift?: {
      /**
       * Schedule of the comparison (a global task); it also runs after
       * every pool sync and every change of a declaration. Defaults to
       * `nodepools.schedule`.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Quiet time after a sync or a declaration change before the
       * comparison runs, so a burst of syncs costs one comparison, as a
       * Backstage duration (default 5 seconds).
       */
      debounce?: HumanDuration | string;
      /**
       * Which cloud pools no source declares are reported as "not in any
       * IaC": those in clusters a desired-state source declares pools or
       * clusters in (`declared-clusters`, the default), or all (`all`).
       */
      scope?: 'declared-clusters' | 'all';
    };

    /**
     * The governance stage: rules over the whole fleet (owners, taints,
     * system pools, autoscaling, versions, stale sources, drift,
     * unschedulable pods, pod addresses, ownership reviews), each pool's
     * cost and suggestions, and the owners' reviews.
     */
    governance?: {
      /** False stops the evaluation; the routes answer from what was stored. Default true. */
      enabled?: boolean;
      /**
       * Schedule of the evaluation (a global task); it also runs after
       * every pool sync and every drift comparison that changed a finding.
       * Default every 30 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Quiet time after a sync or comparison before the evaluation runs (default 10 seconds). */
      debounce?: HumanDuration | string;
      /** Days an owner's confirmation of a pool counts in the review (default 90). */
      reviewPeriod?: number;
      /** Days without workload pods before a pool is suggested for retirement (default 14). */
      retireAfterDays?: number;
      /**
       * Share of a pool's pod addresses (its nodes' pod slots and, on EKS,
       * its subnets) below which it is reported as running out (default
       * 0.1, 10 % left).
       */
      ipHeadroomRatio?: number;
      /** Rules not evaluated, by id (`fixed-size`, `mixed-workloads`...). */
      disabledRules?: string[];
      /**
       * Send each owner with unconfirmed pools one notification per review
       * period, through the notifications backend (default false).
       */
      reminders?: boolean;
    };

    /**
     * Pending-pod triage. Live clusters (`kubernetes.clusterLocatorMethods`)
     * are read on this schedule; `files` adds saved kubectl output.
     */
    triage?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Bounds on each analysis (`POST /triage/analyze` and scheduled
       * collections), so one input cannot stall or kill the backend that
       * every plugin of the app shares. Each analysis runs in a thread of
       * its own; a request past a size limit is answered 413, one past
       * `maxConcurrent` 429 with `Retry-After`, one past the time or memory
       * budget 503, each naming the key. A scheduled collection stopped by
       * a limit keeps the cluster's previous report and records the error.
       */
      limits?: {
        /** Largest `POST /triage/analyze` body: bytes, or a size such as `64mb`. Default `256mb`. */
        maxBodySize?: string | number;
        /** Most pods (pending and bound) in one input. Default 200,000. */
        maxPods?: number;
        /** Most nodes in one input. Default 50,000. */
        maxNodes?: number;
        /**
         * Most scheduling signatures x pools in one analysis: the verdicts
         * its report holds. Default 500,000.
         */
        maxWork?: number;
        /**
         * Most of those verdicts explained with their reasons (a full
         * evaluation each). Past it, each signature's share goes to the
         * pools that take or nearly take its pods, its fix's pool
         * included; the others keep their quick verdict (fits now, after
         * a scale-up, or not) without reasons, and the report says so.
         * Not a refusal. Default 20,000.
         */
        maxExplained?: number;
        /** Analyses at a time in one backend; scheduled collections wait for a slot. Default 2. */
        maxConcurrent?: number;
        /** Longest time one analysis may take, reading the input included. Default 2 minutes. */
        timeBudget?: HumanDuration | string;
        /** Heap of the thread an analysis runs in, in megabytes. Default 320. */
        workerMemory?: number;
      };
      /**
       * Saved `kubectl get pods -A -o json`, `get nodes -o json` and `get
       * events -A -o json` per cluster. Relative paths are resolved against
       * the app's root. Each report is stored under the cluster ref
       * `provider/account/region/cluster` of what is given here.
       */
      files?: Array<{
        /** The cluster name its pools carry in the inventory. */
        cluster: string;
        /**
         * The cluster's provider (`eks`, `gke`, `aks`, `doks`...), account
         * and region: needed only where another cluster of the inventory has
         * the same name. Default: `kubernetes` (any platform), any account
         * and region.
         */
        provider?: string;
        account?: string;
        region?: string;
        pods: string;
        nodes: string;
        events?: string;
      }>;
    };
    /** Real costs beside the list prices. */
    cost?: {
      /**
       * OpenCost instances to read node costs from, once an hour
       * (`GET {baseUrl}/assets?window=..&filterTypes=Node`): each pool
       * gets the average cost of one of its nodes per hour, by the pool
       * labels of the nodes.
       */
      opencost?: Array<{
        /** Where OpenCost's API answers, e.g. `http://opencost.opencost:9003`. */
        baseUrl: string;
        /** The cluster whose nodes it costs: a cluster ref (`eks/123456789012/us-east-1/prod`) or a name. */
        cluster: string;
        /** OpenCost's window, e.g. `24h`, `7d` (default), `2w`. */
        window?: string;
      }>;
    };
  };
}
