import { ACCOUNT, POOL_KINDS, REGION, clusterIndex, clusterName, poolKind, type Fleet } from './world';
import type { Answer } from './answer';

/** ListClusters and ListNodegroups return at most this many names per page. */
const MAX_RESULTS = 100;

function pageBounds(query: URLSearchParams): { offset: number; limit: number } | undefined {
  const token = query.get('nextToken');
  const offset = token === null ? 0 : Number(token.replace(/^page-/, ''));
  const requested = Number(query.get('maxResults') ?? MAX_RESULTS);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(requested) || requested < 1) {
    return undefined;
  }
  return { offset, limit: Math.min(requested, MAX_RESULTS) };
}

function invalidParameter(message: string): Answer {
  return { status: 400, body: { message }, headers: { 'x-amzn-errortype': 'InvalidParameterException' } };
}

function notFound(message: string): Answer {
  return { status: 404, body: { message }, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' } };
}

/** A managed node group as DescribeNodegroup returns it (timestamps in epoch seconds). */
function nodegroup(fleet: Fleet, cluster: number, poolIndex: number) {
  const pool = POOL_KINDS[poolIndex];
  const name = clusterName(cluster);
  const id = `${String(cluster).padStart(8, '0')}-0000-4000-8000-${String(poolIndex).padStart(12, '0')}`;
  return {
    nodegroupName: pool.name,
    nodegroupArn: `arn:aws:eks:${REGION}:${ACCOUNT}:nodegroup/${name}/${pool.name}/${id}`,
    clusterName: name,
    version: '1.31',
    releaseVersion: '1.31.2-20241115',
    createdAt: 1731600000 + cluster,
    modifiedAt: 1731603600 + cluster,
    status: 'ACTIVE',
    capacityType: pool.capacity,
    scalingConfig: {
      minSize: pool.name === 'system' ? 2 : 1,
      maxSize: fleet.maxSize(cluster, pool),
      desiredSize: fleet.shape.nodesPerPool,
    },
    instanceTypes: [pool.instanceType],
    subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002', 'subnet-0a1b2c3d4e5f60003'],
    amiType: pool.arch === 'arm64' ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD',
    nodeRole: `arn:aws:iam::${ACCOUNT}:role/eks-nodes`,
    labels: { workload: pool.name },
    taints: pool.taint ? [{ ...pool.taint, effect: 'NO_SCHEDULE' }] : [],
    resources: { autoScalingGroups: [{ name: `eks-${pool.name}-${id}` }] },
    diskSize: 50,
    health: { issues: [] },
    updateConfig: { maxUnavailable: 1 },
    tags: { team: `team-${cluster % 40}` },
  };
}

/**
 * The EKS REST API of one account and region: `GET /clusters`,
 * `/clusters/{name}/node-groups` and `/clusters/{name}/node-groups/{group}`,
 * paged by `nextToken` as the real API pages them.
 */
export function answerEks(fleet: Fleet, segments: string[], query: URLSearchParams): Answer | undefined {
  if (segments[0] !== 'clusters') return undefined;
  if (segments.length === 1) {
    const page = pageBounds(query);
    if (!page) return invalidParameter('invalid nextToken or maxResults');
    const end = Math.min(fleet.shape.clusters, page.offset + page.limit);
    const clusters = [];
    for (let i = page.offset; i < end; i++) clusters.push(clusterName(i));
    return {
      status: 200,
      body: { clusters, ...(end < fleet.shape.clusters ? { nextToken: `page-${end}` } : {}) },
    };
  }
  const cluster = clusterIndex(decodeURIComponent(segments[1]), fleet.shape);
  if (cluster === undefined || segments[2] !== 'node-groups' || segments.length > 4) {
    return cluster === undefined ? notFound(`No cluster found for name: ${segments[1]}.`) : undefined;
  }
  if (segments.length === 3) {
    const page = pageBounds(query);
    if (!page) return invalidParameter('invalid nextToken or maxResults');
    const end = Math.min(POOL_KINDS.length, page.offset + page.limit);
    return {
      status: 200,
      body: {
        nodegroups: POOL_KINDS.slice(page.offset, end).map(pool => pool.name),
        ...(end < POOL_KINDS.length ? { nextToken: `page-${end}` } : {}),
      },
    };
  }
  const pool = poolKind(decodeURIComponent(segments[3]));
  if (!pool) return notFound(`No node group found for name: ${segments[3]}.`);
  return { status: 200, body: { nodegroup: nodegroup(fleet, cluster, POOL_KINDS.indexOf(pool)) } };
}
