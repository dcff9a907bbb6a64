import { MachineTypeInputError, bundledMachineTypes, createMachineCatalog } from './catalog';
import { eniMaxPods, prefixDelegationMaxPods } from './maxPods';

describe('the bundled catalog', () => {
  const catalog = createMachineCatalog();

  it('holds a few hundred types for each of the four clouds', () => {
    expect(catalog.list('aws').length).toBeGreaterThan(200);
    expect(catalog.list('gcp').length).toBeGreaterThan(100);
    expect(catalog.list('azure').length).toBeGreaterThan(80);
    expect(catalog.list('digitalocean').length).toBeGreaterThan(30);
  });

  it('has no duplicate names and only sane numbers', () => {
    const names = bundledMachineTypes().map(t => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const type of bundledMachineTypes()) {
      expect(type.vcpu).toBeGreaterThan(0);
      expect(type.memoryMiB).toBeGreaterThanOrEqual(512);
      expect(type.defaultMaxPods).toBeGreaterThan(0);
    }
  });

  it.each([
    ['aws', 'm5.large', { vcpu: 2, memoryMiB: 8192, arch: 'amd64', enis: 3, ipv4PerEni: 10, defaultMaxPods: 29, category: 'general' }],
    ['aws', 'm6g.xlarge', { vcpu: 4, arch: 'arm64', category: 'general' }],
    ['aws', 'g5.xlarge', { gpus: 1, gpuModel: 'a10g', extendedResources: { 'nvidia.com/gpu': 1 }, category: 'gpu' }],
    ['aws', 'inf2.xlarge', { extendedResources: { 'aws.amazon.com/neuron': 1 }, category: 'accelerator' }],
    ['gcp', 'e2-standard-4', { vcpu: 4, memoryMiB: 16384, category: 'general' }],
    ['gcp', 'n1-standard-1', { vcpu: 1, memoryMiB: 3840 }],
    ['gcp', 't2a-standard-8', { arch: 'arm64' }],
    ['gcp', 'g2-standard-48', { gpus: 4, gpuModel: 'nvidia-l4' }],
    ['azure', 'Standard_D4s_v5', { vcpu: 4, memoryMiB: 16384, family: 'Dsv5' }],
    ['azure', 'Standard_D4ps_v5', { arch: 'arm64' }],
    ['azure', 'Standard_NC24ads_A100_v4', { gpus: 1, gpuModel: 'A100', category: 'gpu' }],
    ['azure', 'Standard_ND96asr_v4', { gpus: 8, gpuModel: 'A100' }],
    ['digitalocean', 's-2vcpu-4gb', { vcpu: 2, memoryMiB: 4096 }],
    ['digitalocean', 'gpu-h100x1-80gb', { gpus: 1, category: 'gpu' }],
  ] as const)('%s %s', (cloud, name, expected) => {
    expect(catalog.get(cloud, name)).toMatchObject(expected);
  });

  it('finds a type by name alone', () => {
    expect(catalog.find('Standard_F8s_v2')?.cloud).toBe('azure');
    expect(catalog.find('no-such-type')).toBeUndefined();
  });
});

describe('max pods', () => {
  it('the VPC CNI formula gives 29 for 3 ENIs of 10 addresses', () => {
    expect(eniMaxPods(3, 10)).toBe(29);
  });

  it.each([
    ['a small Nitro type is capped at 110', { enis: 3, ipv4PerEni: 10, vcpu: 2, hypervisor: 'nitro' }, 110],
    ['a large Nitro type is capped at 250', { enis: 15, ipv4PerEni: 50, vcpu: 96, hypervisor: 'nitro' }, 250],
    ['a tiny type is bound by its addresses', { enis: 2, ipv4PerEni: 2, vcpu: 2, hypervisor: 'nitro' }, 34],
    ['a Xen type cannot use prefixes', { enis: 4, ipv4PerEni: 15, vcpu: 8, hypervisor: 'xen' }, undefined],
  ])('prefix delegation: %s', (_name, machine, expected) => {
    expect(prefixDelegationMaxPods(machine)).toBe(expected);
  });
});

describe('user rows', () => {
  it('add a new type', () => {
    const catalog = createMachineCatalog([
      { cloud: 'gcp', name: 'custom-8-32768', vcpu: 8, memory: '32Gi' },
    ]);
    expect(catalog.get('gcp', 'custom-8-32768')).toMatchObject({
      vcpu: 8,
      memoryMiB: 32768,
      arch: 'amd64',
      defaultMaxPods: 110,
      source: 'config',
    });
  });

  it('override one field of a known type and keep the rest', () => {
    const catalog = createMachineCatalog([{ cloud: 'aws', name: 'm5.large', defaultMaxPods: 58 }]);
    expect(catalog.get('aws', 'm5.large')).toMatchObject({
      vcpu: 2,
      memoryMiB: 8192,
      defaultMaxPods: 58,
      source: 'config',
    });
  });

  it('recompute max pods when the network limits change', () => {
    const catalog = createMachineCatalog([{ cloud: 'aws', name: 'm5.large', enis: 4 }]);
    expect(catalog.get('aws', 'm5.large')?.defaultMaxPods).toBe(38);
  });

  it.each([
    ['a row that is not an object', 'x', '(row)'],
    ['an unknown cloud', { cloud: 'ibm', name: 'bx2-2x8' }, 'cloud'],
    ['a missing name', { cloud: 'aws' }, 'name'],
    ['a new type without vcpu', { cloud: 'aws', name: 'zz.large', memoryMiB: 1024 }, 'vcpu'],
    ['a negative vcpu', { cloud: 'aws', name: 'zz.large', vcpu: -1, memoryMiB: 1024 }, 'vcpu'],
    ['a memory string that is not a quantity', { cloud: 'aws', name: 'zz.large', vcpu: 2, memory: 'lots' }, 'memory'],
    ['an unknown architecture', { cloud: 'aws', name: 'm5.large', arch: 'riscv64' }, 'arch'],
  ])('reject %s, naming the row and field', (_name, row, field) => {
    let error: unknown;
    try {
      createMachineCatalog([{ cloud: 'aws', name: 'm5.large' }, row]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MachineTypeInputError);
    expect((error as MachineTypeInputError).index).toBe(1);
    expect((error as MachineTypeInputError).field).toBe(field);
    expect((error as Error).message).toContain(`machine type 1: field '${field}'`);
  });
});
