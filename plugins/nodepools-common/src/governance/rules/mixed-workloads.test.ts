import type { NodePool } from '../../model/pool';
import type { PoolWorkloads } from '../../workloads/types';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { mixedWorkloadsRule } from './mixed-workloads';

const workloads = (...entries: Array<[string, number]>): PoolWorkloads => ({
  workloads: entries.map(([namespace, pods]) => ({ namespace, labels: {}, pods })),
  otherPods: 0,
});
const both = workloads(['kube-system', 6], ['checkout', 4], ['payments', 2]);
const systemOnly = workloads(['kube-system', 6], ['gke-managed-cim', 1]);
const appsOnly = workloads(['checkout', 4]);

const pool = (overrides: Partial<NodePool>, w?: PoolWorkloads) => govPool(overrides, { workloads: w });

describe('mixed-workloads', () => {
  it.each<[string, ReturnType<typeof govPool>[], string[]]>([
    ['the only pool runs system and workload pods', [pool({}, both)], ['general:only-pool']],
    ['the only pool runs system pods only', [pool({}, systemOnly)], []],
    ['the only pool runs workload pods only (no system pods seen)', [pool({}, appsOnly)], []],
    ['a user pool beside others: DaemonSet system pods say nothing', [pool({ name: 'a' }, both), pool({ name: 'b' }, appsOnly)], []],
    ['a system pool runs workloads while the cluster has a user pool', [pool({ name: 'sys', mode: 'system' }, both), pool({ name: 'apps' }, appsOnly)], ['sys:system-pool-runs-workloads']],
    ['a system pool runs workloads and the cluster has no user pool', [pool({ name: 'sys1', mode: 'system' }, both), pool({ name: 'sys2', mode: 'system' }, both)], []],
    ['no workload data', [pool({})], []],
    ['two clusters of one pool each', [pool({ cluster: 'a' }, both), pool({ cluster: 'b' }, systemOnly)], ['general:only-pool']],
  ])('%s', (_case, pools, expected) => {
    const findings = runRule(mixedWorkloadsRule, govInput(pools));
    expect(findings.map(f => `${f.subject.ref.split('/').pop()}:${f.details.reason}`)).toEqual(expected);
  });

  it('counts pods per side and names the workload namespaces', () => {
    const [finding] = runRule(mixedWorkloadsRule, govInput([pool({}, both)]));
    expect(finding.details).toMatchObject({ systemPods: 6, workloadPods: 6, workloadNamespaces: 'checkout,payments' });
    expect(finding.message).toBe(
      'Pool general is the only pool of prod and runs everything: 6 system pods and 6 workload pods (checkout, payments).',
    );
  });
});
