import type { MachineCloud } from '../../machines/types';
import type { Provider } from '../../model/pool';
import { providerProfile } from '../../providers/registry';
import type { Evaluator } from '../evaluate';
import { ARCH_LABEL, INSTANCE_TYPE_LABEL, INSTANCE_TYPE_LABEL_BETA } from '../labels';
import type { ResourceMap } from '../read';
import { mostCommon } from './common';

/** What every new-pool suggestion of one cluster starts from, worked out once per analysis. */
export interface ClusterFacts {
  provider?: Provider;
  cloud?: MachineCloud;
  /** The architecture most nodes run. */
  arch: string;
  familiesInUse: Set<string>;
  /** What the cluster's daemonsets would take on a new node. */
  overhead: ResourceMap;
  overheadPods: number;
}

const clusterFacts = new WeakMap<Evaluator, ClusterFacts>();

export function factsOf(evaluator: Evaluator): ClusterFacts {
  const known = clusterFacts.get(evaluator);
  if (known) return known;
  const state = evaluator.state;
  const provider = mostCommon(state.pools.map(p => p.provider).filter(p => providerProfile(p).cloud !== 'none'));
  const typesInUse = new Set<string>();
  const archCounts = new Map<string, number>();
  for (const p of state.pools) {
    for (const name of p.spec?.machineTypes ?? []) typesInUse.add(name);
    for (const c of p.classes) {
      const name = c.labels[INSTANCE_TYPE_LABEL] ?? c.labels[INSTANCE_TYPE_LABEL_BETA];
      if (name) typesInUse.add(name);
      const arch = c.labels[ARCH_LABEL];
      if (arch) archCounts.set(arch, (archCounts.get(arch) ?? 0) + c.nodes.length);
    }
  }
  const profileCloud = provider ? providerProfile(provider).cloud : 'none';
  let cloud = profileCloud === 'none' ? undefined : profileCloud;
  if (!cloud) {
    cloud = mostCommon(
      [...typesInUse].map(t => evaluator.catalog.find(t)?.cloud).filter((c): c is MachineCloud => !!c),
    );
  }
  const overhead: ResourceMap = {};
  let overheadPods = 0;
  for (const pod of state.daemonSets.values()) {
    for (const [name, amount] of Object.entries(pod.requests)) overhead[name] = (overhead[name] ?? 0) + amount;
    overheadPods++;
  }
  const facts: ClusterFacts = {
    provider,
    cloud,
    arch: [...archCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'amd64',
    familiesInUse: new Set(
      [...typesInUse].map(name => (cloud ? evaluator.catalog.get(cloud, name)?.family : undefined)).filter((f): f is string => !!f),
    ),
    overhead,
    overheadPods,
  };
  clusterFacts.set(evaluator, facts);
  return facts;
}
