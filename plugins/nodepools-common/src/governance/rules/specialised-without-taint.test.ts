import type { NodePool } from '../../model/pool';
import { govInput, govPool, runRule } from '../__fixtures__/pools';
import { specialisedWithoutTaintRule } from './specialised-without-taint';

const gpuTaint = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' as const };

describe('specialised-without-taint', () => {
  it.each<[string, Partial<NodePool>, string | undefined]>([
    ['general-purpose m5.large', {}, undefined],
    ['GPU g5.xlarge without taint', { machineTypes: ['g5.xlarge'] }, 'gpu'],
    ['GPU g5.xlarge with a taint', { machineTypes: ['g5.xlarge'], taints: [gpuTaint] }, undefined],
    ['Inferentia inf2.xlarge (accelerator)', { machineTypes: ['inf2.xlarge'] }, 'accelerator'],
    ['r5.large: 8 GiB per vCPU is high-memory', { machineTypes: ['r5.large'] }, 'high-memory'],
    ['m5.large: 4 GiB per vCPU is not', { machineTypes: ['m5.large'] }, undefined],
    ['GKE GPU pool: GKE taints GPU nodes itself', { provider: 'gke', machineTypes: ['g2-standard-4'] }, undefined],
    ['GKE n2-highmem-4 without taint', { provider: 'gke', machineTypes: ['n2-highmem-4'] }, 'high-memory'],
    ['AKS T4 pool', { provider: 'aks', machineTypes: ['Standard_NC4as_T4_v3'] }, 'gpu'],
    ['a GPU label on an unknown type', { machineTypes: ['custom.big'], labels: { 'nvidia.com/gpu.present': 'true' } }, 'gpu'],
    [
      'Karpenter NodePool requiring GPUs',
      { provider: 'karpenter', machineTypes: [], requirements: [{ key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'Gt', values: ['0'] }] },
      'accelerator',
    ],
    [
      'Karpenter NodePool requiring g and p categories',
      { provider: 'karpenter', machineTypes: [], requirements: [{ key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['g', 'p'] }] },
      'accelerator',
    ],
    [
      'Karpenter NodePool allowing c, m and g categories is not specialised',
      { provider: 'karpenter', machineTypes: [], requirements: [{ key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'g'] }] },
      undefined,
    ],
    [
      'Karpenter NodePool requiring no GPUs',
      { provider: 'karpenter', machineTypes: [], requirements: [{ key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'In', values: ['0'] }] },
      undefined,
    ],
  ])('%s', (_case, overrides, kind) => {
    const findings = runRule(specialisedWithoutTaintRule, govInput([govPool(overrides)]));
    expect(findings.map(f => f.details.specialisation)).toEqual(kind ? [kind] : []);
  });

  it('says why and suggests a taint', () => {
    const [finding] = runRule(specialisedWithoutTaintRule, govInput([govPool({ machineTypes: ['g5.xlarge'] })]));
    expect(finding.severity).toBe('high');
    expect(finding.message).toContain('g5.xlarge has 1 GPU');
    expect(finding.fix).toContain('key=nvidia.com/gpu,value=present,effect=NO_SCHEDULE');
  });
});

describe('specialised-without-taint on DOKS', () => {
  it('DOKS taints GPU nodes itself', () => {
    const pool = govPool({ provider: 'doks', machineTypes: ['gpu-h100x1-80gb'] });
    expect(runRule(specialisedWithoutTaintRule, govInput([pool]))).toEqual([]);
  });
});
