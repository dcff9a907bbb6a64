/**
 * DigitalOcean Droplet sizes offered for DOKS node pools: Basic (regular,
 * premium AMD and Intel), General Purpose, CPU-Optimized, Memory-Optimized
 * and GPU Droplets.
 *
 * Source (facts only; written from DigitalOcean's "Droplet plans" and
 * "GPU Droplets" documentation as known in August 2026, not machine-read):
 * the slug states vCPU and memory (`s-2vcpu-4gb`); CPU-Optimized `c-N` sizes
 * have 2 GB per vCPU; the sizes API reports memory in MiB (GB x 1024). GPU
 * Droplets: H100 x1 has 20 vCPU and 240 GiB, H100 x8 160 vCPU and 1920 GiB,
 * L40S and RTX 6000 Ada x1 8 vCPU and 64 GiB, RTX 4000 Ada x1 8 vCPU and
 * 32 GiB. All sizes are x86-64.
 */
import type { DigitalOceanRow } from './rows';

/** slug, vCPU, memory MiB, GPUs, GPU model */
export const DIGITALOCEAN_SIZES: readonly DigitalOceanRow[] = [
  ['s-1vcpu-2gb', 1, 2048, 0, ''],
  ['s-2vcpu-2gb', 2, 2048, 0, ''],
  ['s-2vcpu-4gb', 2, 4096, 0, ''],
  ['s-4vcpu-8gb', 4, 8192, 0, ''],
  ['s-8vcpu-16gb', 8, 16384, 0, ''],
  ['s-2vcpu-4gb-amd', 2, 4096, 0, ''],
  ['s-4vcpu-8gb-amd', 4, 8192, 0, ''],
  ['s-8vcpu-16gb-amd', 8, 16384, 0, ''],
  ['s-2vcpu-4gb-intel', 2, 4096, 0, ''],
  ['s-4vcpu-8gb-intel', 4, 8192, 0, ''],
  ['s-8vcpu-16gb-intel', 8, 16384, 0, ''],
  ['g-2vcpu-8gb', 2, 8192, 0, ''],
  ['g-4vcpu-16gb', 4, 16384, 0, ''],
  ['g-8vcpu-32gb', 8, 32768, 0, ''],
  ['g-16vcpu-64gb', 16, 65536, 0, ''],
  ['g-32vcpu-128gb', 32, 131072, 0, ''],
  ['g-40vcpu-160gb', 40, 163840, 0, ''],
  ['gd-2vcpu-8gb', 2, 8192, 0, ''],
  ['gd-4vcpu-16gb', 4, 16384, 0, ''],
  ['gd-8vcpu-32gb', 8, 32768, 0, ''],
  ['gd-16vcpu-64gb', 16, 65536, 0, ''],
  ['gd-32vcpu-128gb', 32, 131072, 0, ''],
  ['gd-40vcpu-160gb', 40, 163840, 0, ''],
  ['c-2', 2, 4096, 0, ''],
  ['c-4', 4, 8192, 0, ''],
  ['c-8', 8, 16384, 0, ''],
  ['c-16', 16, 32768, 0, ''],
  ['c-32', 32, 65536, 0, ''],
  ['c-48', 48, 98304, 0, ''],
  ['m-2vcpu-16gb', 2, 16384, 0, ''],
  ['m-4vcpu-32gb', 4, 32768, 0, ''],
  ['m-8vcpu-64gb', 8, 65536, 0, ''],
  ['m-16vcpu-128gb', 16, 131072, 0, ''],
  ['m-24vcpu-192gb', 24, 196608, 0, ''],
  ['m-32vcpu-256gb', 32, 262144, 0, ''],
  ['gpu-h100x1-80gb', 20, 245760, 1, 'nvidia-h100'],
  ['gpu-h100x8-640gb', 160, 1966080, 8, 'nvidia-h100'],
  ['gpu-l40sx1-48gb', 8, 65536, 1, 'nvidia-l40s'],
  ['gpu-6000adax1-48gb', 8, 65536, 1, 'nvidia-rtx-6000-ada'],
  ['gpu-4000adax1-20gb', 8, 32768, 1, 'nvidia-rtx-4000-ada'],
];
