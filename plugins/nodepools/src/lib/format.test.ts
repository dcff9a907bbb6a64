import {
  capacityTypeLabel,
  cloudProvidersText,
  formatBytes,
  formatCores,
  formatDuration,
  formatKeyValue,
  formatRelativeTime,
  nodeCountLabel,
  providerLabel,
} from './format';

describe('format', () => {
  it('labels the node count against the autoscaler range', () => {
    expect(nodeCountLabel(3, { enabled: true, min: 1, max: 5 })).toBe('3 nodes · 1–5');
    expect(nodeCountLabel(1, { enabled: true, min: 1, max: 1 })).toBe('1 node · fixed at 1');
    expect(nodeCountLabel(4, { enabled: false, min: 4, max: 4 })).toBe('4 nodes · fixed');
    expect(nodeCountLabel(12, { enabled: true })).toBe(
      '12 nodes · autoscaled, no node bounds',
    );
    expect(nodeCountLabel(undefined, { enabled: true, max: 10 })).toBe(
      'Unknown node count · up to 10',
    );
    expect(nodeCountLabel(1200, { enabled: false })).toBe('1,200 nodes · fixed');
  });

  it('names providers and capacity types, passing unknown ones through', () => {
    expect(providerLabel('eks')).toBe('EKS');
    expect(providerLabel('doks')).toBe('DOKS');
    expect(providerLabel('openstack')).toBe('openstack');
    expect(capacityTypeLabel('spot')).toBe('Spot');
    expect(capacityTypeLabel('mixed')).toBe('Spot + on-demand');
  });

  it('lists the providers that define pools in a cloud, from their profiles', () => {
    expect(cloudProvidersText()).toBe('EKS, Karpenter, GKE, AKS and DOKS');
  });

  it('formats resource amounts', () => {
    expect(formatCores(15.891)).toBe('15.9');
    expect(formatCores(2)).toBe('2');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(32 * 1024 ** 3)).toBe('32 GiB');
    expect(formatBytes(1.5 * 1024 ** 2)).toBe('1.5 MiB');
  });

  it('formats durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(180_000)).toBe('3 min');
  });

  it('formats times relative to now', () => {
    const now = Date.parse('2026-11-10T12:00:00Z');
    expect(formatRelativeTime('2026-11-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-11-10T14:00:00Z', now)).toBe('in 2 hours');
    expect(formatRelativeTime('2026-11-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2026-11-10T12:00:00Z', now)).toBe('now');
    expect(formatRelativeTime('not a time', now)).toBe('not a time');
  });

  it('formats labels without a value as the bare key', () => {
    expect(formatKeyValue('team', 'payments')).toBe('team=payments');
    expect(formatKeyValue('gpu', '')).toBe('gpu');
  });
});
