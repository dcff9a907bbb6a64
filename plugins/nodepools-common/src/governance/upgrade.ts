import { compareMinor, formatMinor, parseKubeVersion, type KubeVersion } from '../drift/versions';
import type { NodePool, NodePoolDetail } from '../model/pool';
import { cloudOfPool } from '../pricing/poolCost';
import { endOfSupport } from './data/endOfSupport';
import type { UpgradePosture } from './types';

/**
 * The provider states that say a pool is being upgraded, as each provider
 * spells them: EKS node groups `UPDATING`; GKE node pools `RECONCILING`;
 * AKS node pools `Upgrading` and `UpgradingNodeImageVersion`; DOKS nodes
 * `draining` while they are replaced. Karpenter rolls nodes by drift and
 * has no pool state for it: its signals are the nodes'.
 */
const UPGRADE_STATES: Readonly<Record<string, readonly string[]>> = {
  eks: ['UPDATING'],
  gke: ['RECONCILING'],
  aks: ['Upgrading', 'UpgradingNodeImageVersion'],
  doks: ['draining'],
};

/** The taint a cordoned node carries. */
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

/** Whose support calendar applies: Karpenter pools follow their cloud's managed service. */
export function supportCalendarOf(pool: Pick<NodePool, 'provider' | 'machineTypes' | 'requirements'>): string | undefined {
  if (pool.provider !== 'karpenter') return pool.provider;
  const cloud = cloudOfPool(pool);
  if (cloud === 'aws') return 'eks';
  return cloud === 'azure' ? 'aks' : undefined;
}

/** The versions a pool's nodes run: the observed kubelets', else the pool's own. */
export function nodeVersions(pool: NodePool): Array<{ text: string; version: KubeVersion }> {
  const texts = pool.observed?.kubeletVersions?.length ? pool.observed.kubeletVersions : [pool.kubernetesVersion];
  return texts
    .map(text => ({ text: text ?? '', version: parseKubeVersion(text) }))
    .filter((v): v is { text: string; version: KubeVersion } => v.version !== undefined);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function pickScalars(record: Record<string, unknown> | undefined, keys: readonly string[]): Record<string, string | number> {
  const picked: Record<string, string | number> = {};
  for (const key of keys) {
    const value = record?.[key];
    if (typeof value === 'string' || typeof value === 'number') picked[key] = value;
  }
  return picked;
}

/**
 * Surge settings from a pool's provider record, which only a
 * `NodePoolDetail` read with `nodepool.raw.read` carries (a `NodePool` has
 * its record stripped): EKS `updateConfig`, GKE `upgradeSettings`, AKS
 * `upgradeSettings` (top level or under ARM's `properties`), Karpenter
 * `spec.disruption.budgets[0].nodes`. DOKS surges per cluster, not per pool.
 */
export function surgeSettings(pool: NodePool | NodePoolDetail): Record<string, string | number> | undefined {
  const raw = asRecord((pool as NodePoolDetail).raw);
  if (!raw) return undefined;
  let surge: Record<string, string | number> = {};
  switch (pool.provider) {
    case 'eks':
      surge = pickScalars(asRecord(raw.updateConfig), ['maxUnavailable', 'maxUnavailablePercentage']);
      break;
    case 'gke':
      surge = pickScalars(asRecord(raw.upgradeSettings), ['maxSurge', 'maxUnavailable', 'strategy']);
      break;
    case 'aks':
      surge = pickScalars(asRecord(raw.upgradeSettings) ?? asRecord(asRecord(raw.properties)?.upgradeSettings), [
        'maxSurge',
        'maxUnavailable',
        'drainTimeoutInMinutes',
      ]);
      break;
    case 'karpenter': {
      const budgets = asRecord(asRecord(raw.spec)?.disruption)?.budgets;
      const first = Array.isArray(budgets) ? asRecord(budgets[0]) : undefined;
      if (typeof first?.nodes === 'string') surge = { budgetNodes: first.nodes };
      break;
    }
    default:
      break;
  }
  return Object.keys(surge).length > 0 ? surge : undefined;
}

/** True when the surge settings let no extra node in and none out: the pool cannot roll. */
export function noSurge(surge: Record<string, string | number> | undefined): boolean {
  if (!surge) return false;
  const zero = (v: string | number | undefined) => v === undefined || v === 0 || v === '0' || v === '0%';
  if ('budgetNodes' in surge) return zero(surge.budgetNodes);
  if ('maxSurge' in surge) return zero(surge.maxSurge) && zero(surge.maxUnavailable);
  return false;
}

/**
 * Where a pool stands for an upgrade: its versions, how many minors its
 * oldest node is behind the control plane, whether an upgrade is under way
 * (the provider's state, cordoned nodes, kubelets of different versions),
 * its surge settings (see `surgeSettings`) and the end of standard support
 * of its minor. The control plane's version is the pool's observed one, else
 * `controlPlaneVersion` (another pool of the cluster saw it).
 */
export function upgradePosture(
  pool: NodePool | NodePoolDetail,
  options: { controlPlaneVersion?: string } = {},
): UpgradePosture {
  const controlPlaneVersion = pool.observed?.controlPlaneVersion ?? options.controlPlaneVersion;
  const signals: string[] = [];
  if (pool.state && UPGRADE_STATES[pool.provider]?.some(s => pool.state!.split(',').includes(s))) {
    signals.push(`the provider reports ${pool.state}`);
  }
  const cordoned = pool.observed?.taints?.find(t => t.key === UNSCHEDULABLE_TAINT);
  if (cordoned && cordoned.nodes > 0) signals.push(`${cordoned.nodes} node${cordoned.nodes === 1 ? ' is' : 's are'} cordoned`);
  const kubelets = pool.observed?.kubeletVersions ?? [];
  if (kubelets.length > 1) signals.push(`nodes run kubelets ${kubelets.join(', ')}`);

  const posture: UpgradePosture = { upgradeInProgress: signals.length > 0, upgradeSignals: signals };
  if (pool.kubernetesVersion) posture.kubernetesVersion = pool.kubernetesVersion;
  if (pool.nodeImageVersion) posture.nodeImageVersion = pool.nodeImageVersion;
  if (controlPlaneVersion) posture.controlPlaneVersion = controlPlaneVersion;

  const versions = nodeVersions(pool);
  const oldest = versions.length
    ? versions.reduce((a, b) => (compareMinor(a.version, b.version) <= 0 ? a : b)).version
    : undefined;
  const cp = parseKubeVersion(controlPlaneVersion);
  if (cp && oldest) {
    const newest = versions.reduce((a, b) => (compareMinor(a.version, b.version) >= 0 ? a : b));
    posture.minorSkew = Math.max(0, compareMinor(cp, oldest));
    if (compareMinor(newest.version, cp) > 0) posture.nodesNewerThanControlPlane = true;
  }
  // The oldest minor a node runs is the one whose support ends first.
  const calendar = supportCalendarOf(pool);
  const row = calendar && oldest ? endOfSupport(calendar, formatMinor(oldest)) : undefined;
  if (row) posture.endOfSupport = row.date;
  const surge = surgeSettings(pool);
  if (surge) posture.surge = surge;
  return posture;
}
