import { stringify } from 'yaml';
import type { ClusterPlan, PoolPlan } from '../plan';
import type { ExportRenderer } from './types';
import { CREATED_AT } from './types';

/**
 * A NodePool as `kubectl get nodepools -o yaml` prints it. Karpenter has no
 * node-count bounds: the pool's `max` becomes its cpu limit (4 cores a node).
 */
function nodePool(pool: PoolPlan) {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      creationTimestamp: CREATED_AT,
      generation: 1,
      labels: pool.owner ? { owner: pool.owner } : {},
      name: pool.name,
      uid: pool.id,
    },
    spec: {
      disruption: {
        consolidateAfter: pool.system ? '30s' : '1m',
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
      },
      limits: { cpu: String(pool.max * 4), memory: `${pool.max * 16}Gi` },
      template: {
        metadata: { labels: pool.labels },
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          requirements: [
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'In',
              values: [pool.spot ? 'spot' : 'on-demand'],
            },
            { key: 'kubernetes.io/arch', operator: 'In', values: [pool.arch] },
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
            { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: [pool.machineType] },
            { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] },
            { key: 'topology.kubernetes.io/zone', operator: 'In', values: pool.zones },
          ],
          ...(pool.taints.length
            ? {
                taints: pool.taints.map(t => ({
                  key: t.key,
                  ...(t.value !== undefined ? { value: t.value } : {}),
                  effect: t.effect,
                })),
              }
            : {}),
          expireAfter: '720h',
        },
      },
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', lastTransitionTime: CREATED_AT }],
      nodes: pool.count,
    },
  };
}

function nodeClass(plan: ClusterPlan) {
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'default' },
    spec: {
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      role: `KarpenterNodeRole-${plan.cluster}`,
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': plan.cluster } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': plan.cluster } }],
    },
  };
}

/**
 * `kubectl get nodepools,ec2nodeclasses -o yaml` split into one document per
 * object. NodePools name neither cluster, region nor account: the file
 * source entry does.
 */
export const renderKarpenterYaml: ExportRenderer = plan => ({
  fileName: `${plan.cluster}.karpenter.yaml`,
  text: [...plan.pools.map(nodePool), nodeClass(plan)]
    .map(doc => `---\n${stringify(doc)}`)
    .join(''),
  context: { cluster: plan.cluster, region: plan.region, account: plan.account },
});
