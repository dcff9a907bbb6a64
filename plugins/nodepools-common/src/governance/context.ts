import { defaultMachineCatalog, type MachineCatalog } from '../machines/catalog';
import { groupClusters, sharedOwner, type ClusterGroup } from './clusters';
import { governanceFindingId } from './findingId';
import { ipHeadroom } from './ipHeadroom';
import { poolMachines, repellingTaints, specialisation, type PoolMachines, type Specialisation } from './poolFacts';
import type {
  GovernanceFinding,
  GovernanceInput,
  GovernancePool,
  GovernanceRuleId,
  GovernanceSeverity,
  IpHeadroom,
  UpgradePosture,
} from './types';
import type { Taint } from '../model/pool';
import { upgradePosture } from './upgrade';

/** What the rules read of one pool besides the pool itself, worked out once. */
export interface PoolFacts {
  entry: GovernancePool;
  cluster: ClusterGroup;
  machines: PoolMachines;
  specialisation?: Specialisation;
  repellingTaints: Taint[];
  ip: IpHeadroom;
  upgrade: UpgradePosture;
}

/** The evaluation's shared view of the fleet: live pools, their clusters and facts. */
export interface RuleContext {
  now: Date;
  catalog: MachineCatalog;
  /** Live (not tombstoned) pools, by ref. */
  pools: GovernancePool[];
  clusters: ClusterGroup[];
  facts(ref: string): PoolFacts;
}

export function createRuleContext(input: GovernanceInput, catalog: MachineCatalog = defaultMachineCatalog()): RuleContext {
  const pools = input.pools
    .filter(p => !p.pool.tombstonedAt)
    .sort((a, b) => a.pool.ref.localeCompare(b.pool.ref));
  const clusters = groupClusters(pools);
  const clusterOf = new Map<string, ClusterGroup>();
  for (const cluster of clusters) for (const p of cluster.pools) clusterOf.set(p.pool.ref, cluster);
  const byRef = new Map(pools.map(p => [p.pool.ref, p] as const));
  const cache = new Map<string, PoolFacts>();
  return {
    now: input.now,
    catalog,
    pools,
    clusters,
    facts(ref) {
      const cached = cache.get(ref);
      if (cached) return cached;
      const entry = byRef.get(ref);
      const cluster = clusterOf.get(ref);
      if (!entry || !cluster) throw new Error(`no live pool ${ref} in this evaluation`);
      const machines = poolMachines(entry.pool, catalog);
      const facts: PoolFacts = {
        entry,
        cluster,
        machines,
        specialisation: specialisation(entry.pool, machines.types),
        repellingTaints: repellingTaints(entry.pool, machines.types),
        ip: ipHeadroom(entry, machines),
        upgrade: upgradePosture(entry.pool, { controlPlaneVersion: cluster.controlPlaneVersion }),
      };
      cache.set(ref, facts);
      return facts;
    },
  };
}

/** What a rule says about its subject; the id, subject, cluster and owner are filled in. */
export interface FindingText {
  message: string;
  fix: string;
  details?: GovernanceFinding['details'];
  /** When the rule's severity depends on the case. */
  severity?: GovernanceSeverity;
}

export function poolFinding(
  rule: { id: GovernanceRuleId; severity: GovernanceSeverity },
  facts: Pick<PoolFacts, 'entry' | 'cluster'>,
  text: FindingText,
): GovernanceFinding {
  const { pool } = facts.entry;
  return {
    id: governanceFindingId(rule.id, pool.ref),
    rule: rule.id,
    severity: text.severity ?? rule.severity,
    subject: { kind: 'pool', ref: pool.ref },
    clusterRef: facts.cluster.ref,
    ...(pool.owner ? { owner: pool.owner } : {}),
    message: text.message,
    details: { pool: pool.name, cluster: pool.cluster, provider: pool.provider, ...text.details },
    fix: text.fix,
  };
}

export function clusterFinding(
  rule: { id: GovernanceRuleId; severity: GovernanceSeverity },
  cluster: ClusterGroup,
  text: FindingText,
): GovernanceFinding {
  const owner = sharedOwner(cluster.pools);
  return {
    id: governanceFindingId(rule.id, cluster.ref),
    rule: rule.id,
    severity: text.severity ?? rule.severity,
    subject: { kind: 'cluster', ref: cluster.ref },
    clusterRef: cluster.ref,
    ...(owner ? { owner } : {}),
    message: text.message,
    details: { cluster: cluster.identity.cluster, pools: cluster.pools.length, ...text.details },
    fix: text.fix,
  };
}
