import { MAX_WORKLOADS_PER_POOL } from '@nodepools/plugin-nodepools-common';
import { WorkloadTally } from './workloadTally';

const KEYS = ['backstage.io/kubernetes-id', 'app.kubernetes.io/name', 'app'];

describe('WorkloadTally', () => {
  it('counts pods by namespace and the values of the workload labels only', () => {
    const tally = new WorkloadTally(KEYS);
    tally.addPod('async', { app: 'worker', 'pod-template-hash': 'a1' });
    tally.addPod('async', { app: 'worker', 'pod-template-hash': 'b2' });
    tally.addPod('web', { app: 'worker' });
    tally.addPod('web', { 'backstage.io/kubernetes-id': 'shop', 'app.kubernetes.io/name': 'shop-api' });
    tally.addPod('batch', undefined);
    expect(tally.result()).toEqual({
      workloads: [
        { namespace: 'async', labels: { app: 'worker' }, pods: 2 },
        { namespace: 'batch', labels: {}, pods: 1 },
        { namespace: 'web', labels: { app: 'worker' }, pods: 1 },
        {
          namespace: 'web',
          labels: { 'backstage.io/kubernetes-id': 'shop', 'app.kubernetes.io/name': 'shop-api' },
          pods: 1,
        },
      ],
      otherPods: 0,
    });
  });

  it('keeps the largest workloads of a crowded pool and counts the pods of the rest', () => {
    const tally = new WorkloadTally(['app']);
    for (let i = 0; i < MAX_WORKLOADS_PER_POOL + 5; i++) {
      // Workload i has i + 1 pods: the five smallest are left out.
      for (let pod = 0; pod <= i; pod++) tally.addPod('jobs', { app: `job-${i}` });
    }
    const { workloads, otherPods } = tally.result();
    expect(workloads).toHaveLength(MAX_WORKLOADS_PER_POOL);
    expect(workloads[0]).toEqual({ namespace: 'jobs', labels: { app: `job-${MAX_WORKLOADS_PER_POOL + 4}` }, pods: MAX_WORKLOADS_PER_POOL + 5 });
    expect(workloads.some(w => w.labels.app === 'job-4')).toBe(false);
    expect(otherPods).toBe(1 + 2 + 3 + 4 + 5);
  });

  it('starts over on reset', () => {
    const tally = new WorkloadTally(['app']);
    tally.addPod('a', { app: 'x' });
    tally.reset();
    expect(tally.result()).toEqual({ workloads: [], otherPods: 0 });
  });
});
