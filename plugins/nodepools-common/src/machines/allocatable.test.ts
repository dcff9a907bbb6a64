import {
  aksReservedCpuMillis,
  aksReservedMemoryMiB,
  allocatableFormulaFor,
  eksReservedMemoryMiB,
  estimateAllocatable,
  gkeReservedMemoryMiB,
  maxPodsFor,
  tieredCpuReservationMillis,
} from './allocatable';
import { createMachineCatalog } from './catalog';

const MiB = 2 ** 20;
const catalog = createMachineCatalog();
const machine = (cloud: 'aws' | 'gcp' | 'azure' | 'digitalocean', name: string) => {
  const found = catalog.get(cloud, name);
  if (!found) throw new Error(`${name} missing from the catalog`);
  return found;
};

describe('cpu reservations', () => {
  it.each([
    ['one core reserves 6% of it', 1, 60],
    ['two cores add 1% of the second', 2, 70],
    ['four cores add 0.5% of cores three and four', 4, 80],
    ['eight cores add 0.25% of each further core', 8, 90],
    ['96 cores', 96, 310],
  ])('EKS and GKE: %s', (_name, vcpu, milli) => {
    expect(tieredCpuReservationMillis(vcpu)).toBe(milli);
  });

  it.each([
    ['a listed core count takes the table value', 4, 140],
    ['64 cores', 64, 740],
    ['an unlisted count is interpolated', 12, 220],
    ['past 64 cores the last slope continues', 96, 1060],
  ])('AKS: %s', (_name, vcpu, milli) => {
    expect(aksReservedCpuMillis(vcpu)).toBe(milli);
  });
});

describe('memory reservations', () => {
  it('EKS reserves 11 MiB per pod plus 255 MiB', () => {
    expect(eksReservedMemoryMiB(29)).toBe(574);
    expect(eksReservedMemoryMiB(110)).toBe(1465);
  });

  it.each([
    ['a machine under 1 GiB reserves 255 MiB', 614, 255],
    ['4 GiB reserves a quarter', 4096, 1024],
    ['8 GiB adds a fifth of the second 4 GiB', 8192, 1024 + 819.2],
    ['16 GiB adds a tenth of the next 8 GiB', 16384, 1024 + 819.2 + 819.2],
  ])('GKE: %s', (_name, memoryMiB, reserved) => {
    expect(gkeReservedMemoryMiB(memoryMiB)).toBeCloseTo(reserved, 6);
  });

  it('AKS 1.29+ reserves 20 MiB per pod plus 50 MiB, at most a quarter of memory', () => {
    expect(aksReservedMemoryMiB(8192, 30, '1.30.4')).toEqual({ kubeReserved: 650, eviction: 100 });
    expect(aksReservedMemoryMiB(4096, 250, '1.31')).toEqual({ kubeReserved: 1024, eviction: 100 });
  });

  it('AKS before 1.29 uses the regressive tiers and a 750 MiB eviction threshold', () => {
    expect(aksReservedMemoryMiB(8192, 30, '1.28.9')).toEqual({
      kubeReserved: 1024 + 819.2,
      eviction: 750,
    });
  });
});

describe('estimateAllocatable', () => {
  // Karpenter for AWS publishes the allocatable it computes for every type
  // (AL2023, default settings); the estimate must agree with it.
  it.each([
    ['m5.large', 1930, 6903, 29],
    ['t4g.large', 1930, 6778, 35],
    ['g5.xlarge', 3920, 14162, 58],
    ['c7g.4xlarge', 15890, 27322, 234],
  ])('EKS %s matches Karpenter for AWS', (name, cpuMilli, memoryMiB, pods) => {
    const estimate = estimateAllocatable(machine('aws', name), 'eks');
    expect(estimate.allocatable.cpu).toBeCloseTo(cpuMilli / 1000, 9);
    expect(estimate.allocatable.memory).toBe(memoryMiB * MiB);
    expect(estimate.allocatable.pods).toBe(pods);
  });

  it('EKS with prefix delegation allows 110 pods on small Nitro types', () => {
    const estimate = estimateAllocatable(machine('aws', 'm5.large'), 'eks', {
      prefixDelegation: true,
    });
    expect(estimate.maxPods).toBe(110);
    expect(estimate.kubeReserved.memory).toBe(eksReservedMemoryMiB(110) * MiB);
  });

  it('a pool max pods setting wins over the type default', () => {
    expect(maxPodsFor(machine('azure', 'Standard_D4s_v5'), 'aks', { maxPods: 30 })).toBe(30);
    expect(maxPodsFor(machine('azure', 'Standard_D4s_v5'), 'aks')).toBe(250);
    expect(maxPodsFor(machine('gcp', 'e2-standard-4'), 'gke')).toBe(110);
  });

  it('GPU types advertise their GPUs as an extended resource', () => {
    const estimate = estimateAllocatable(machine('gcp', 'g2-standard-24'), 'gke');
    expect(estimate.allocatable['nvidia.com/gpu']).toBe(2);
  });

  it('AKS follows the documented example of 8 GB and 30 pods', () => {
    const type = createMachineCatalog([
      { cloud: 'azure', name: 'Example_8GB', vcpu: 2, memoryMiB: 8192, defaultMaxPods: 30 },
    ]).get('azure', 'Example_8GB')!;
    const estimate = estimateAllocatable(type, 'aks', { kubernetesVersion: '1.30' });
    expect(estimate.allocatable.memory).toBe((8192 - 650 - 100) * MiB);
    expect(estimate.allocatable.cpu).toBeCloseTo(1.9, 9);
  });

  it('ephemeral storage is estimated only when the disk size is known', () => {
    const type = machine('aws', 'm5.large');
    expect(estimateAllocatable(type, 'eks').allocatable['ephemeral-storage']).toBeUndefined();
    const withDisk = estimateAllocatable(type, 'eks', { diskGiB: 20 });
    expect(withDisk.allocatable['ephemeral-storage']).toBe(Math.floor(20 * 2 ** 30 - 2 ** 30 - 2 * 2 ** 30));
  });

  it('maps pool providers to formulas', () => {
    expect(allocatableFormulaFor('karpenter')).toBe('eks');
    expect(allocatableFormulaFor('doks')).toBe('doks');
    expect(allocatableFormulaFor('kubernetes')).toBeUndefined();
  });
});
