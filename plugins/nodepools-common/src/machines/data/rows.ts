/** Row shapes of the bundled catalog tables; kept as tuples to keep the data compact. */

export type RowArch = 'amd64' | 'arm64';

/** name, vCPU, memory MiB, arch, GPUs, GPU model, Neuron devices, ENIs, IPv4 per ENI, hypervisor */
export type Ec2Row = readonly [
  string,
  number,
  number,
  RowArch,
  number,
  string,
  number,
  number,
  number,
  string,
];

/** name, vCPU, memory MiB, GPUs, arch */
export type AzureRow = readonly [string, number, number, number, RowArch];

/** name, vCPU, memory MiB, arch, GPUs, accelerator */
export type GceRow = readonly [string, number, number, RowArch, number, string];

/** slug, vCPU, memory MiB, GPUs, GPU model */
export type DigitalOceanRow = readonly [string, number, number, number, string];
