/*
 * Where a pool or cluster is, read from the ids the providers store: ARNs,
 * ARM ids, GKE resource paths and locations.
 */

/** `arn:aws:eks:REGION:ACCOUNT:nodegroup/CLUSTER/NAME/ID` or `...:cluster/NAME`, any partition. */
const EKS_ARN = /^arn:[a-z-]+:eks:([^:]*):([^:]*):(nodegroup|cluster)\/([^/]+)(?:\/([^/]+))?/;

export interface EksArn {
  region?: string;
  account?: string;
  cluster: string;
  nodegroup?: string;
}

export function parseEksArn(arn: string | undefined): EksArn | undefined {
  const match = arn ? EKS_ARN.exec(arn) : null;
  if (!match) return undefined;
  const [, region, account, kind, cluster, nodegroup] = match;
  return {
    region: region || undefined,
    account: account || undefined,
    cluster,
    nodegroup: kind === 'nodegroup' ? nodegroup : undefined,
  };
}

/** A zone is its region plus a letter: `us-central1-a` is in `us-central1`. */
const GCP_ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

export interface GcpLocation {
  region: string;
  /** Set when the location is a zone (a zonal cluster). */
  zone?: string;
}

export function gcpLocation(location: string | undefined): GcpLocation | undefined {
  if (!location) return undefined;
  const zone = GCP_ZONE.exec(location);
  return zone ? { region: zone[1], zone: location } : { region: location };
}

/** `projects/P/locations/L/clusters/C[/nodePools/N]`; provider 2.x ids were `L/C/N`. */
const GKE_PATH = /(?:^|\/)projects\/([^/]+)\/(?:locations|zones)\/([^/]+)\/clusters\/([^/]+)(?:\/nodePools\/([^/]+))?$/;
const GKE_LEGACY_ID = /^([a-z]+-[a-z]+\d+(?:-[a-z])?)\/([^/]+)\/([^/]+)$/;

export interface GkePath {
  project?: string;
  location: string;
  cluster: string;
  nodePool?: string;
}

export function parseGkePath(path: string | undefined): GkePath | undefined {
  if (!path) return undefined;
  const full = GKE_PATH.exec(path);
  if (full) return { project: full[1], location: full[2], cluster: full[3], nodePool: full[4] };
  const legacy = GKE_LEGACY_ID.exec(path);
  return legacy ? { location: legacy[1], cluster: legacy[2], nodePool: legacy[3] } : undefined;
}

/** ARM ids: segment names are case-insensitive (`resourcegroups` and `resourceGroups` both occur). */
const AKS_CLUSTER_ID =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+)(?:\/agentpools\/([^/]+))?$/i;

export interface AksClusterId {
  subscription: string;
  resourceGroup: string;
  cluster: string;
  agentPool?: string;
}

export function parseAksId(id: string | undefined): AksClusterId | undefined {
  const match = id ? AKS_CLUSTER_ID.exec(id) : null;
  if (!match) return undefined;
  return { subscription: match[1], resourceGroup: match[2], cluster: match[3], agentPool: match[4] };
}

/** The id a cluster is looked up by: ARM ids compare case-insensitively, without a pool suffix. */
export function clusterLookupKey(id: string): string {
  const aks = parseAksId(id);
  if (aks) return `aks:${aks.subscription}/${aks.resourceGroup}/${aks.cluster}`.toLowerCase();
  return id;
}
