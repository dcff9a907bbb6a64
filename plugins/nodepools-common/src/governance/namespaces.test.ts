import { isSystemNamespace, splitWorkloads } from './namespaces';

describe('isSystemNamespace', () => {
  it.each([
    ['kube-system', true],
    ['kube-public', true],
    ['gke-managed-cim', true],
    ['gke-gmp-system', true],
    ['calico-system', true],
    ['gatekeeper-system', true],
    ['default', false],
    ['kube-systems', false],
    ['shop', false],
  ])('%s: %s', (namespace, system) => {
    expect(isSystemNamespace(namespace)).toBe(system);
  });
});

describe('splitWorkloads', () => {
  it('adds pods per side; left-out workloads count for neither', () => {
    expect(
      splitWorkloads({
        workloads: [
          { namespace: 'kube-system', labels: {}, pods: 4 },
          { namespace: 'shop', labels: { app: 'web' }, pods: 3 },
          { namespace: 'kube-system', labels: { app: 'dns' }, pods: 2 },
          { namespace: 'billing', labels: {}, pods: 1 },
          { namespace: 'empty', labels: {}, pods: 0 },
        ],
        otherPods: 9,
      }),
    ).toEqual({ systemPods: 6, workloadPods: 4, systemNamespaces: ['kube-system'], workloadNamespaces: ['billing', 'shop'] });
    expect(splitWorkloads(undefined)).toBeUndefined();
  });
});
