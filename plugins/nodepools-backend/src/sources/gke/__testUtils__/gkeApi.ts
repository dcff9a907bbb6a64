import { regionOfLocation } from '../GkePoolSource';

/** The GKE Container API as the tests serve it: paths and records in its wire shape. */
export const TOKEN = 'ya29.a0-test-access-token-gke';
export const clustersPath = (project: string) => `/v1/projects/${project}/locations/-/clusters`;
export const poolsPath = (project: string, location: string, clusterName: string) =>
  `/v1/projects/${project}/locations/${location}/clusters/${clusterName}/nodePools`;

export function cluster(name: string, location: string) {
  return { name, location, zone: location, status: 'RUNNING', currentMasterVersion: '1.31.1-gke.100' };
}

export function nodePool(
  project: string,
  location: string,
  clusterName: string,
  name: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    name,
    config: { machineType: 'e2-standard-4', diskSizeGb: 100, imageType: 'COS_CONTAINERD' },
    initialNodeCount: 1,
    autoscaling: { enabled: true, minNodeCount: 1, maxNodeCount: 3 },
    locations: [`${regionOfLocation(location)}-a`, `${regionOfLocation(location)}-b`],
    selfLink: `https://container.googleapis.com/v1/projects/${project}/locations/${location}/clusters/${clusterName}/nodePools/${name}`,
    version: '1.31.1-gke.100',
    status: 'RUNNING',
    ...overrides,
  };
}
