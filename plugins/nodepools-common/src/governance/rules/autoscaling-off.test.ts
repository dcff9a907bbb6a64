import type { NodePool } from '../../model/pool';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { autoscalingOffRule } from './autoscaling-off';

describe('autoscaling-off', () => {
  it.each<[string, Partial<NodePool>, number]>([
    ['autoscaled user pool', {}, 0],
    ['user pool without autoscaler', { autoscaling: { enabled: false } }, 1],
    ['system pool without autoscaler (left to the system pool rules)', { mode: 'system', autoscaling: { enabled: false } }, 0],
    ['self-managed group (no cloud autoscaler to tell)', { provider: 'kubernetes', autoscaling: { enabled: false } }, 0],
    ['capacity-block group', { capacityType: 'capacity-block', autoscaling: { enabled: false } }, 0],
    ['fixed range (fixed-size says so)', { autoscaling: { enabled: true, min: 3, max: 3 } }, 0],
  ])('%s', (_case, overrides, count) => {
    expect(runRule(autoscalingOffRule, govInput([govPool(overrides)]))).toHaveLength(count);
  });

  it.each<[NodePool['provider'], string, string]>([
    ['eks', 'm5.large', 'aws eks update-nodegroup-config --cluster-name prod --nodegroup-name general --scaling-config minSize=1,maxSize=6'],
    ['gke', 'e2-standard-4', 'gcloud container clusters update prod --node-pool general --location us-east-1 --enable-autoscaling --min-nodes 1 --max-nodes 6'],
    ['aks', 'Standard_D4s_v5', 'az aks nodepool update --cluster-name prod --name general --enable-cluster-autoscaler --min-count 1 --max-count 6 --resource-group <resource-group>'],
    ['doks', 's-2vcpu-4gb', 'doctl kubernetes cluster node-pool update prod general --auto-scale --min-nodes 1 --max-nodes 6'],
  ])('%s: fix with its own command', (provider, machineType, command) => {
    const [finding] = runRule(autoscalingOffRule, govInput([govPool({ provider, machineTypes: [machineType], autoscaling: { enabled: false } })]));
    expect(finding.severity).toBe('low');
    expect(finding.fix).toBe(`turn the autoscaler on: ${command}`);
  });
});
