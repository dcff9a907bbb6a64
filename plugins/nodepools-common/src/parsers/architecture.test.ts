import {
  awsInstanceTypeArch,
  awsInstanceTypesArch,
  azureVmSizeArch,
  gceMachineTypeArch,
} from './architecture';

describe('machine type architectures', () => {
  it.each([
    ['m7g.large', 'arm64'],
    ['c7gn.4xlarge', 'arm64'],
    ['r8gd.metal', 'arm64'],
    ['t4g.small', 'arm64'],
    ['x2gd.xlarge', 'arm64'],
    ['im4gn.large', 'arm64'],
    ['is4gen.medium', 'arm64'],
    ['g5g.xlarge', 'arm64'],
    ['a1.large', 'arm64'],
    ['m6i.large', 'amd64'],
    ['c6a.2xlarge', 'amd64'],
    ['g5.xlarge', 'amd64'],
    ['g6e.12xlarge', 'amd64'],
    ['p5.48xlarge', 'amd64'],
    ['c7i-flex.large', 'amd64'],
    ['u-6tb1.56xlarge', undefined],
  ])('EC2 %s is %s', (type, arch) => {
    expect(awsInstanceTypeArch(type)).toBe(arch);
  });

  it('names an EC2 architecture only when all types share it', () => {
    expect(awsInstanceTypesArch(['m7g.large', 'c7g.large'])).toBe('arm64');
    expect(awsInstanceTypesArch(['m7g.large', 'm7i.large'])).toBeUndefined();
    expect(awsInstanceTypesArch([])).toBeUndefined();
  });

  it.each([
    ['t2a-standard-4', 'arm64'],
    ['c4a-highmem-8', 'arm64'],
    ['n4a-standard-2', 'arm64'],
    ['n2d-standard-4', 'amd64'],
    ['e2-custom-4-8192', 'amd64'],
    ['a3-highgpu-8g', 'amd64'],
  ])('Compute Engine %s is %s', (type, arch) => {
    expect(gceMachineTypeArch(type)).toBe(arch);
  });

  it.each([
    ['Standard_D4ps_v5', 'arm64'],
    ['Standard_D2pls_v5', 'arm64'],
    ['Standard_E8-4pds_v5', 'arm64'],
    ['Standard_D16ps_v6', 'arm64'],
    ['Standard_B2pts_v2', 'arm64'],
    ['standard_e4ps_v5', 'arm64'],
    ['Standard_DS2_v2', 'amd64'],
    ['Standard_D4ds_v5', 'amd64'],
    ['Standard_NP10s', 'amd64'],
    ['Standard_NC24ads_A100_v4', 'amd64'],
    ['Basic_A1', 'amd64'],
  ])('Azure %s is %s', (size, arch) => {
    expect(azureVmSizeArch(size)).toBe(arch);
  });
});
