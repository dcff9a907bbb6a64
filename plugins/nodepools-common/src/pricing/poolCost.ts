import { defaultMachineCatalog, type MachineCatalog } from '../machines/catalog';
import type { MachineCloud, MachineType } from '../machines/types';
import { poolRef, type NodePool, type PoolSpec, type Provider } from '../model/pool';
import { providerProfile } from '../providers/registry';
import { hourlyPrice } from './hourlyPrice';
import { nodeBounds } from './nodeBounds';
import type { PricingOverrides } from './overrides';
import { isEstimateNote, note, type CostAtSize, type NodePrice, type PoolCost, type PriceNote } from './types';

/**
 * What pricing reads of a pool: a stored NodePool, or the spec of a pool not
 * created yet (a self-service request).
 */
export type PoolForCost = Pick<
  PoolSpec,
  'provider' | 'cluster' | 'name' | 'os' | 'capacityType' | 'machineTypes' | 'autoscaling'
> &
  Partial<
    Pick<
      NodePool,
      'ref' | 'account' | 'region' | 'owner' | 'nodeCount' | 'limits' | 'requirements' | 'observed'
    >
  >;

export interface PoolCostOptions {
  /** Default: the bundled catalog. Pass the one with config rows to price their types' limits. */
  catalog?: MachineCatalog;
  overrides?: PricingOverrides;
  /**
   * Instance types of the pool's nodes and how many nodes have each, when the
   * caller knows them (Karpenter pools that select types by requirements
   * only). They price the current count exactly.
   */
  observedMachineTypes?: Readonly<Record<string, number>>;
}

const PROVIDER_CLOUDS: Partial<Record<Provider, MachineCloud>> = {
  eks: 'aws',
  gke: 'gcp',
  aks: 'azure',
  doks: 'digitalocean',
};

/** Karpenter's cloud-specific requirement keys say which cloud a NodePool is for. */
const KARPENTER_KEY_PREFIXES: ReadonlyArray<[string, MachineCloud]> = [
  ['karpenter.k8s.aws/', 'aws'],
  ['eks.amazonaws.com/', 'aws'],
  ['karpenter.azure.com/', 'azure'],
];

/**
 * The cloud a pool's nodes run on: its provider's, else (Karpenter and
 * node-only pools) the cloud of its machine types in the catalog, else that of
 * its Karpenter requirement keys.
 */
export function cloudOfPool(
  pool: Pick<PoolForCost, 'provider' | 'machineTypes' | 'requirements'>,
  catalog: MachineCatalog = defaultMachineCatalog(),
  observedMachineTypes: readonly string[] = [],
): MachineCloud | undefined {
  const byProvider = PROVIDER_CLOUDS[pool.provider];
  if (byProvider) return byProvider;
  for (const name of [...pool.machineTypes, ...observedMachineTypes]) {
    const type = catalog.find(name);
    if (type) return type.cloud;
  }
  for (const requirement of pool.requirements ?? []) {
    const match = KARPENTER_KEY_PREFIXES.find(([prefix]) => requirement.key.startsWith(prefix));
    if (match) return match[1];
  }
  return undefined;
}

function costAt(nodes: number, price: NodePrice): CostAtSize {
  return { nodes, hourly: nodes * price.hourly, monthly: nodes * price.monthly };
}

function dedupe(notes: PriceNote[]): PriceNote[] {
  const seen = new Set<string>();
  return notes.filter(n => {
    const key = `${n.code}\u0000${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface TypePrices {
  priced: Map<string, NodePrice>;
  notes: PriceNote[];
}

function priceTypes(
  pool: PoolForCost,
  cloud: MachineCloud,
  names: readonly string[],
  overrides: PricingOverrides | undefined,
): TypePrices {
  const priced = new Map<string, NodePrice>();
  const notes: PriceNote[] = [];
  for (const name of names) {
    const lookup = hourlyPrice(name, {
      cloud,
      region: pool.region,
      os: pool.os,
      capacityType: pool.capacityType,
      overrides,
    });
    if (lookup.known) {
      const { known: _known, ...price } = lookup;
      priced.set(name, price);
    } else {
      notes.push(...lookup.notes);
    }
  }
  return { priced, notes };
}

/**
 * What a pool costs now and at the ends of its autoscaler range. Rules:
 *
 * - machine types: the pool's own list, else the observed nodes' types
 *   (`observedMachineTypes`); none -> unknown, with the reason;
 * - several types (an EKS group with a list, a Karpenter pool allowing
 *   several): a node is priced at the dearest type that has a price, an upper
 *   bound; the current count is priced per type when the observed types are
 *   given;
 * - node counts: see nodeBounds.
 */
export function poolCost(pool: PoolForCost, options: PoolCostOptions = {}): PoolCost {
  const catalog = options.catalog ?? defaultMachineCatalog();
  const observed = options.observedMachineTypes ?? {};
  const observedNames = Object.keys(observed).filter(name => observed[name] > 0);
  const identity = {
    ref: pool.ref ?? poolRef(pool),
    provider: pool.provider,
    cluster: pool.cluster,
    account: pool.account,
    region: pool.region,
    owner: pool.owner,
  };
  const cloud = cloudOfPool(pool, catalog, observedNames);
  if (!cloud) {
    return unknownCost(identity, undefined, [
      note('cloud-unknown', 'the cloud of the pool is not known (no known machine type or provider)'),
    ]);
  }
  const names = pool.machineTypes.length > 0 ? pool.machineTypes : observedNames;
  if (names.length === 0) {
    return unknownCost(identity, cloud, [
      note(
        'no-machine-type',
        providerProfile(pool.provider).growth.kind === 'provisioner'
          ? 'the NodePool selects instance types by requirements only and no nodes were observed'
          : 'the pool names no machine type',
      ),
    ]);
  }
  const { priced, notes: unpricedNotes } = priceTypes(pool, cloud, names, options.overrides);
  const dearest = [...priced.values()].sort((a, b) => b.hourly - a.hourly)[0];
  if (!dearest) return unknownCost(identity, cloud, dedupe(unpricedNotes));

  const notes: PriceNote[] = [...dearest.notes];
  if (priced.size > 1) {
    notes.push(
      note(
        'several-machine-types',
        `a node is priced at the dearest of ${priced.size} priced types, ${dearest.machineType} (an upper bound)`,
      ),
    );
  }
  if (unpricedNotes.length > 0) {
    notes.push(
      note(
        'some-machine-types-unpriced',
        `${names.length - priced.size} of ${names.length} machine types have no price and are left out`,
      ),
      ...unpricedNotes,
    );
  }

  const types = [...priced.keys()]
    .map(name => catalog.get(cloud, name))
    .filter((type): type is MachineType => type !== undefined);
  const bounds = nodeBounds(pool, observed, types);
  notes.push(...bounds.notes);

  const observedAllPriced = observedNames.length > 0 && observedNames.every(name => priced.has(name));
  let current: CostAtSize | undefined;
  if (bounds.current !== undefined && observedAllPriced) {
    current = { nodes: 0, hourly: 0, monthly: 0 };
    for (const name of observedNames) {
      const part = costAt(observed[name], priced.get(name)!);
      current.nodes += part.nodes;
      current.hourly += part.hourly;
      current.monthly += part.monthly;
    }
  } else if (bounds.current !== undefined) {
    current = costAt(bounds.current, dearest);
  }

  const all = dedupe(notes);
  return {
    ...identity,
    cloud,
    machineType: dearest.machineType,
    node: dearest,
    current,
    min: bounds.min === undefined ? undefined : costAt(bounds.min, dearest),
    max: bounds.max === undefined ? undefined : costAt(bounds.max, dearest),
    known: true,
    estimated: all.some(isEstimateNote),
    notes: all,
  };
}

function unknownCost(
  identity: Omit<PoolCost, 'known' | 'estimated' | 'notes'>,
  cloud: MachineCloud | undefined,
  notes: PriceNote[],
): PoolCost {
  return { ...identity, cloud, known: false, estimated: false, notes };
}
