import { workloadAge } from './workloadAge';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const workloads = (...namespaces: string[]) => ({
  workloads: namespaces.map(namespace => ({ namespace, labels: {}, pods: 2 })),
  otherPods: 0,
});

describe('workloadAge', () => {
  it('is unknown without recorded workloads, and keeps what was stored', () => {
    expect(workloadAge(undefined, undefined, NOW)).toEqual({ lastWorkloadAt: null });
    expect(workloadAge(undefined, '2026-11-01T00:00:00.000Z', NOW)).toEqual({ lastWorkloadAt: '2026-11-01T00:00:00.000Z' });
  });

  it('is zero while workload pods run, and clears the stored time', () => {
    expect(workloadAge(workloads('kube-system', 'payments'), '2026-11-01T00:00:00.000Z', NOW)).toEqual({
      daysWithoutWorkloads: 0,
      lastWorkloadAt: null,
    });
  });

  it('counts days from the evaluation that first found only system pods', () => {
    expect(workloadAge(workloads('kube-system'), undefined, NOW)).toEqual({
      daysWithoutWorkloads: 0,
      lastWorkloadAt: NOW.toISOString(),
    });
    expect(workloadAge(workloads('kube-system', 'gke-managed-x'), '2026-11-18T09:00:00.000Z', NOW)).toEqual({
      daysWithoutWorkloads: 15,
      lastWorkloadAt: '2026-11-18T09:00:00.000Z',
    });
    expect(workloadAge({ workloads: [], otherPods: 0 }, '2026-12-01T11:00:00.000Z', NOW).daysWithoutWorkloads).toBe(1);
  });
});
