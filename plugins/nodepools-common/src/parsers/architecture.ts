import type { Architecture } from '../model/pool';

/*
 * Which machine types are ARM, per cloud, read from the type's name alone. The
 * naming schemes are documented by each cloud; the names carry the processor.
 */

/** `m7g.large` -> family letters, generation digits, attribute letters. */
const AWS_INSTANCE_TYPE = /^([a-z]+)(\d+)([a-z]*)[.-]/;

/**
 * EC2: a `g` among the attribute letters after the generation marks Graviton
 * (m6g, c7gn, r8gd, t4g, x2gd, im4gn, is4gen, g5g); `a1` is the first
 * Graviton. GPU families (g5, g6e) carry the `g` before the generation.
 * Returns undefined for names that do not follow the scheme.
 */
export function awsInstanceTypeArch(
  instanceType: string,
): Architecture | undefined {
  const match = AWS_INSTANCE_TYPE.exec(instanceType.toLowerCase());
  if (!match) return undefined;
  const [, family, generation, attributes] = match;
  if (family === 'a' && generation === '1') return 'arm64';
  return attributes.includes('g') ? 'arm64' : 'amd64';
}

/** The one architecture all the given EC2 types share, if they share one. */
export function awsInstanceTypesArch(
  instanceTypes: readonly string[],
): Architecture | undefined {
  const archs = new Set(instanceTypes.map(awsInstanceTypeArch));
  if (archs.size !== 1) return undefined;
  return [...archs][0];
}

/** Compute Engine families on Ampere Altra (T2A) and Axion (C4A, N4A). */
const GCE_ARM_FAMILIES = new Set(['t2a', 'c4a', 'n4a']);

export function gceMachineTypeArch(machineType: string): Architecture {
  const family = machineType.toLowerCase().split('-')[0];
  return GCE_ARM_FAMILIES.has(family) ? 'arm64' : 'amd64';
}

/** `Standard_E8-4pds_v5`: family letters, vCPUs (maybe constrained), attribute letters. */
const AZURE_VM_SIZE = /^standard_([a-z]+)(\d+)(?:-\d+)?([a-z]*)/i;

/**
 * Azure: a `p` among the attribute letters after the vCPU count marks an ARM
 * processor (Ampere Altra in Dpsv5/Epsv5, Cobalt 100 in Dpsv6/Epsv6, Bpsv2).
 */
export function azureVmSizeArch(vmSize: string): Architecture {
  const match = AZURE_VM_SIZE.exec(vmSize);
  return match && match[3].toLowerCase().includes('p') ? 'arm64' : 'amd64';
}
