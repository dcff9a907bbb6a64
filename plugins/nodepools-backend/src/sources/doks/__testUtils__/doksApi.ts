/** The DigitalOcean API as the tests serve it: paths and records in its wire shape. */
export const TOKEN = 'dop_v1_test_token_4f9c2a7e';
export const CLUSTERS = '/v2/kubernetes/clusters';
export const poolsPath = (clusterId: string) => `${CLUSTERS}/${clusterId}/node_pools`;

export function cluster(id: string, name: string, region = 'nyc1') {
  return { id, name, region, version: '1.31.1-do.0', status: { state: 'running' } };
}

export function nodePool(name: string, overrides: Record<string, unknown> = {}) {
  return {
    id: `${name}-id`,
    name,
    size: 's-2vcpu-4gb',
    count: 2,
    tags: ['k8s', 'k8s:worker'],
    labels: { team: 'payments' },
    taints: [],
    auto_scale: true,
    min_nodes: 1,
    max_nodes: 4,
    nodes: [],
    ...overrides,
  };
}
