import type { RecordedRequest } from '../../testing';

/** The EKS API as the tests serve it: paths and records in its wire shape. */
export const ACCOUNT = '111122223333';
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTKEY';
export const CREDENTIALS = { accessKeyId: 'AKIATESTACCESSKEY', secretAccessKey: SECRET_ACCESS_KEY };

export const poolsPath = (cluster: string) => `/clusters/${cluster}/node-groups`;
export const describePath = (cluster: string, name: string) =>
  `/clusters/${cluster}/node-groups/${name}`;

/** SigV4 names the region in the credential scope of each request. */
export const inRegion = (region: string) => (request: RecordedRequest) =>
  String(request.headers.authorization).includes(`/${region}/eks/aws4_request`);

/** A node group as the EKS API sends it: timestamps in epoch seconds. */
export function nodegroup(
  cluster: string,
  name: string,
  overrides: Record<string, unknown> = {},
  region = 'us-east-1',
) {
  return {
    nodegroupName: name,
    nodegroupArn: `arn:aws:eks:${region}:${ACCOUNT}:nodegroup/${cluster}/${name}/0ac1b2c3-d4e5-f6a7-b8c9-d0e1f2a3b4c5`,
    clusterName: cluster,
    version: '1.31',
    releaseVersion: '1.31.2-20241115',
    createdAt: 1731600000.123,
    modifiedAt: 1731603600.5,
    status: 'ACTIVE',
    capacityType: 'ON_DEMAND',
    scalingConfig: { minSize: 1, maxSize: 4, desiredSize: 2 },
    instanceTypes: ['m6i.large'],
    subnets: ['subnet-0a1b2c3d'],
    amiType: 'AL2023_x86_64_STANDARD',
    nodeRole: `arn:aws:iam::${ACCOUNT}:role/eks-nodes`,
    labels: { team: 'payments' },
    taints: [],
    diskSize: 50,
    health: { issues: [] },
    tags: {},
    ...overrides,
  };
}
