import { estimateAllocatable } from '../../machines/allocatable';
import type { MachineCloud, MachineType } from '../../machines/types';
import { formatTaint, type Taint } from '../../model/pool';
import { providerProfile } from '../../providers/registry';
import { compareText } from '../compare';
import type { Evaluator, PodNeeds } from '../evaluate';
import {
  ARCH_LABEL,
  ARCH_LABEL_BETA,
  HOSTNAME_LABEL,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  OS_LABEL,
  OS_LABEL_BETA,
  REGION_LABEL,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
} from '../labels';
import type { SuggestedPool, TriageFix } from '../types';
import { factsOf } from './clusterFacts';
import { formatRequests } from './common';

/** Labels a pool request cannot set: the cloud or Kubernetes derives them. */
const DERIVED_LABELS = new Set([
  ARCH_LABEL,
  ARCH_LABEL_BETA,
  OS_LABEL,
  OS_LABEL_BETA,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
  REGION_LABEL,
  HOSTNAME_LABEL,
]);

/** The single value a pod requires for a label, from its selector or its first affinity term. */
function requiredValue(needs: PodNeeds, key: string): string | undefined {
  const selected = needs.pod.nodeSelector[key];
  if (selected) return selected;
  const term = needs.pod.nodeAffinityTerms?.[0];
  const requirement = term?.matchExpressions?.find(r => r.key === key && r.operator === 'In');
  return requirement?.values?.length === 1 ? requirement.values[0] : undefined;
}

function allowedValues(needs: PodNeeds, key: string): string[] | undefined {
  const selected = needs.pod.nodeSelector[key];
  if (selected) return [selected];
  const requirement = needs.pod.nodeAffinityTerms?.[0]?.matchExpressions?.find(r => r.key === key && r.operator === 'In');
  return requirement?.values;
}

function suggestedPool(evaluator: Evaluator, needs: PodNeeds): { pool: SuggestedPool; machine?: MachineType; cloud?: MachineCloud } {
  const { provider, cloud, familiesInUse, overhead, overheadPods, arch: clusterArch } = factsOf(evaluator);
  // Without a stated architecture, stay on the one the cluster runs: the image may not exist for another.
  const arch = requiredValue(needs, ARCH_LABEL) ?? requiredValue(needs, ARCH_LABEL_BETA) ?? clusterArch;
  const wantsAccelerator = Object.keys(needs.requests).some(
    name => needs.requests[name] > 0 && !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(name) && !name.startsWith('hugepages-'),
  );
  const os = requiredValue(needs, OS_LABEL) ?? 'linux';
  const types = allowedValues(needs, INSTANCE_TYPE_LABEL) ?? allowedValues(needs, INSTANCE_TYPE_LABEL_BETA);
  const zones = [
    ...new Set([
      ...(allowedValues(needs, ZONE_LABEL) ?? []),
      ...needs.volumes.flatMap(v => v.labels[ZONE_LABEL] ?? v.labels[ZONE_LABEL_BETA] ?? []),
    ]),
  ];
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(needs.pod.nodeSelector)) {
    if (!DERIVED_LABELS.has(key)) labels[key] = value;
  }
  for (const requirement of needs.pod.nodeAffinityTerms?.[0]?.matchExpressions ?? []) {
    if (requirement.operator === 'In' && requirement.values?.length === 1 && !DERIVED_LABELS.has(requirement.key)) {
      labels[requirement.key] = requirement.values[0];
    }
  }
  const taints: Taint[] = needs.tolerations
    .filter(t => t.key && !t.key.startsWith('node.kubernetes.io/') && t.effect !== 'PreferNoSchedule')
    .map(t => ({
      key: t.key!,
      ...(t.operator !== 'Exists' && t.value ? { value: t.value } : {}),
      effect: t.effect === 'NoExecute' ? 'NoExecute' : 'NoSchedule',
    }));
  let machine: MachineType | undefined;
  const formula = provider ? providerProfile(provider).allocatableFormula : undefined;
  if (cloud && formula) {
    machine = evaluator.catalog
      .list(cloud)
      .filter(m => m.arch === arch && (!types || types.includes(m.name)))
      .filter(m => wantsAccelerator || ['general', 'compute', 'memory'].includes(m.category))
      .filter(m => {
        const estimate = estimateAllocatable(m, formula);
        if ((estimate.allocatable.pods ?? 0) < overheadPods + 1) return false;
        return Object.entries(needs.requests).every(([name, amount]) => {
          if (amount <= 0 || name === 'pods') return true;
          const allocatable = estimate.allocatable[name];
          if (allocatable === undefined) return name === 'ephemeral-storage';
          const available = name === 'cpu' ? Math.round(allocatable * 1000) : allocatable;
          return available - (overhead[name] ?? 0) >= amount;
        });
      })
      .sort(
        (a, b) =>
          // Families the cluster already runs come first: their images, quotas and prices are known.
          Number(familiesInUse.has(b.family)) - Number(familiesInUse.has(a.family)) ||
          a.vcpu - b.vcpu ||
          a.memoryMiB - b.memoryMiB ||
          a.gpus - b.gpus ||
          compareText(a.name, b.name),
      )[0];
  }
  return {
    cloud,
    machine,
    pool: { provider, machineType: machine?.name, arch: machine?.arch ?? arch, os, labels, taints, zones },
  };
}

export function newPoolFix(evaluator: Evaluator, needs: PodNeeds): TriageFix {
  const { pool, machine, cloud } = suggestedPool(evaluator, needs);
  const parts = [
    Object.keys(pool.labels).length
      ? `labels ${Object.entries(pool.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`
      : undefined,
    pool.taints.length ? `taint${pool.taints.length > 1 ? 's' : ''} ${pool.taints.map(formatTaint).join(', ')}` : undefined,
  ].filter(Boolean);
  const extras = `${parts.length ? ` with ${parts.join(' and ')}` : ''}${pool.zones.length ? ` in ${pool.zones.join(', ')}` : ''}`;
  const provider = pool.provider ? `${providerProfile(pool.provider).displayName} ` : '';
  const text = machine
    ? `no existing pool can take it: request a new ${provider}pool of ${machine.name} (${machine.vcpu} vCPU, ${
        Math.round((machine.memoryMiB / 1024) * 100) / 100
      } GiB${machine.gpus ? `, ${machine.gpus} GPU` : ''}, ${machine.arch})${extras}`
    : `no existing pool can take it, and no ${cloud ? `${cloud} ` : ''}machine type in the catalog has room for ${formatRequests(
        needs.requests,
      )}: a new pool needs a larger machine type${extras}`;
  return { kind: 'new-pool', text, newPool: pool };
}
