import type { Provider } from '../model/pool';
import { CAPACITY_TYPE_LABEL_KEYS, POOL_LABELS, SELF_MANAGED_PROVIDER, providerOfPoolLabel } from '../providers/registry';
import { HOSTNAME_LABEL, ZONE_LABEL, ZONE_LABEL_BETA } from '../providers/wellKnownLabels';

export {
  ARCH_LABEL,
  ARCH_LABEL_BETA,
  HOSTNAME_LABEL,
  INSTANCE_TYPE_LABEL,
  INSTANCE_TYPE_LABEL_BETA,
  OS_LABEL,
  OS_LABEL_BETA,
  REGION_LABEL,
  REGION_LABEL_BETA,
  ZONE_LABEL,
  ZONE_LABEL_BETA,
} from '../providers/wellKnownLabels';

/**
 * Node labels that name the node's pool and that the provider itself sets,
 * in the order they are read (from the provider profiles): EKS Auto Mode
 * nodes carry `karpenter.sh/nodepool`, and AKS nodes carry both the current
 * and the older key.
 */
export const POOL_LABEL_KEYS: readonly string[] = POOL_LABELS.filter(l => l.setByProvider).map(l => l.key);

/** The provider whose pools each of `POOL_LABEL_KEYS` names. */
export const POOL_LABEL_PROVIDER: Readonly<Record<string, Provider>> = Object.fromEntries(
  POOL_LABEL_KEYS.map(key => [key, providerOfPoolLabel(key)]),
);

/** Labels that group nodes of self-managed groups (eksctl unmanaged node groups, kOps). */
export const FALLBACK_POOL_LABEL_KEYS: readonly string[] = POOL_LABELS.filter(l => !l.setByProvider).map(l => l.key);

/** The name given to nodes that carry no pool label at all. */
export const UNPOOLED = '(unpooled)';

/** Labels whose value is different on every node; nodes are grouped without them. */
export const PER_NODE_LABEL_KEYS: ReadonlySet<string> = new Set([HOSTNAME_LABEL]);

/** Labels whose value differs between the placements of a node a scale-up would add: zone and capacity type. */
export const PLACEMENT_LABEL_KEYS: ReadonlySet<string> = new Set([ZONE_LABEL, ZONE_LABEL_BETA, ...CAPACITY_TYPE_LABEL_KEYS]);

/**
 * The hostname of a node that does not exist yet: it matches `NotIn` and
 * `Exists`, never `In`, and is its own topology domain.
 */
export const NEW_NODE_HOSTNAME = '\u0000new-node';

export interface NodePoolName {
  name: string;
  /** The label that named it; undefined for unpooled nodes. */
  label?: string;
  provider: Provider;
}

/** Which pool a node belongs to, read from its labels. */
export function poolOfNodeLabels(labels: Record<string, string>): NodePoolName {
  for (const { key, provider } of POOL_LABELS) {
    const value = labels[key];
    if (value) return { name: value, label: key, provider };
  }
  return { name: UNPOOLED, provider: SELF_MANAGED_PROVIDER };
}

/** The node's zone, from the GA label or its beta predecessor. */
export function zoneOf(labels: Record<string, string>): string | undefined {
  return labels[ZONE_LABEL] ?? labels[ZONE_LABEL_BETA];
}
