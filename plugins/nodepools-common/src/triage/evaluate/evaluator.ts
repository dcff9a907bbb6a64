import type { MachineCatalog } from '../../machines/catalog';
import { nodeAffinityKeys, compileNodeAffinity } from '../checks/nodeAffinity';
import { SCHEDULING_CHECKS, checkBit } from '../checks/registry';
import type { CheckSession, PodDemand } from '../checks/types';
import type { VolumeTopology } from '../checks/volumeZone';
import { Interner, ResourceIndex, type ClusterState, type PoolState } from '../cluster';
import type { PodRecord } from '../read';
import type { TalliedReason } from '../tally';
import { buildPoolTemplate, type PoolTemplate } from '../templates';
import type { TriageOptions } from '../types';
import { evaluatePool, podsPerNode, type PoolEvaluation } from './explain';
import { interfaceLimitOf, type IpExhaustion } from '../podIpLimit';
import type { NeedsChange, PodNeeds } from './needs';
import { quickVerdict } from './quick';

/** A verdict not worked out yet: verdicts use three bits. */
const NOT_ASKED = 0xff;

/**
 * Evaluates pod signatures against pools with the registered checks: each
 * check is started once per analysis and prepared once per signature; the
 * quick verdict and the explaining path both loop over the prepared checks.
 * Pools' templates (the nodes a scale-up could add) are built on first use.
 */
export class Evaluator {
  private readonly sessions: Array<{ bit: number; session: CheckSession }>;
  private readonly interners = new Map<string, Interner>();
  private readonly templates: PoolTemplate[] = [];
  private readonly prefixLimits = new Map<PoolState, IpExhaustion | null>();
  private signatureCount = 0;
  private readonly whatIf = new WeakMap<PodNeeds, Map<number, Uint8Array>>();
  private lastWhatIf?: { needs: PodNeeds; ignore: number; known: Uint8Array };

  constructor(
    readonly state: ClusterState,
    readonly catalog: MachineCatalog,
    readonly options: TriageOptions,
  ) {
    const env = { state, catalog, options, ids: (purpose: string) => this.interner(purpose) };
    this.sessions = SCHEDULING_CHECKS.map(check => ({ bit: checkBit(check), session: check.start(env) }));
  }

  private interner(purpose: string): Interner {
    let interner = this.interners.get(purpose);
    if (!interner) this.interners.set(purpose, (interner = new Interner()));
    return interner;
  }

  template(pool: PoolState): PoolTemplate {
    let template = this.templates[pool.index];
    if (!template) {
      template = buildPoolTemplate(pool, this.state, this.catalog, this.options);
      this.templates[pool.index] = template;
    }
    return template;
  }

  templateNotes(): string[] {
    return this.templates.flatMap(t => (t ? t.notes : []));
  }

  /** Prepares every check for a group of pods that share one signature, with an optional "what if" change. */
  compileNeeds(pods: PodRecord[], change: NeedsChange = {}, id?: string): PodNeeds {
    const pod = pods[0];
    const nodeSelector = change.nodeSelector ?? pod.nodeSelector;
    const terms = change.nodeAffinityTerms === null ? undefined : change.nodeAffinityTerms ?? pod.nodeAffinityTerms;
    const affinity = compileNodeAffinity(nodeSelector, terms);
    const demand: PodDemand = {
      pod,
      requests: change.requests ?? pod.requests,
      tolerations: change.addTolerations ? [...pod.tolerations, ...change.addTolerations] : pod.tolerations,
      affinity,
      affinityKeys: nodeAffinityKeys(affinity),
      volumes: pod.claims
        .map(claim => this.state.volumes.get(`${pod.namespace}/${claim}`))
        .filter((v): v is VolumeTopology => v !== undefined),
    };
    const needs: PodNeeds = {
      ...demand,
      id: id ?? `s${++this.signatureCount}`,
      pods,
      shapeFilters: [],
      labelFilters: [],
      capacityFilters: [],
      topologyFilters: [],
      quick: { shape: [], labels: [], capacity: [], topology: [] },
      zoneSensitive: false,
    };
    for (const { bit, session } of this.sessions) {
      const filter = session.prepare(demand);
      if (!filter) continue;
      if (filter.level === 'shape') {
        needs.shapeFilters.push({ bit, filter });
        needs.quick.shape.push(filter);
      } else if (filter.level === 'labels') {
        needs.labelFilters.push({ bit, filter });
        needs.quick.labels.push(filter);
      } else if (filter.level === 'capacity') {
        needs.capacityFilters.push({ bit, filter });
        needs.quick.capacity.push(filter);
      } else {
        needs.topologyFilters.push({ bit, filter });
        needs.quick.topology.push(filter);
      }
    }
    needs.zoneSensitive =
      needs.labelFilters.length > 0 ||
      needs.topologyFilters.length > 0 ||
      needs.shapeFilters.some(({ filter }) => filter.placementSensitive);
    return needs;
  }

  /**
   * Verdict bits (FITS_NOW, FITS_NEW_NODE, FITS_AFTER_SCALE_UP); `ignore`
   * leaves checks out by their bits. "What if" verdicts are kept per
   * signature and pool: the fixes and the choice of pools to explain ask
   * the same ones.
   */
  quickVerdict(needs: PodNeeds, pool: PoolState, ignore = 0): number {
    if (ignore === 0) return quickVerdict(needs, pool, this.template(pool));
    const known = this.whatIfKnown(needs, ignore);
    if (known[pool.index] === NOT_ASKED) known[pool.index] = quickVerdict(needs, pool, this.template(pool), ignore);
    return known[pool.index];
  }

  /**
   * Asks the "what if" verdicts of several signatures on every pool, pool
   * by pool: a pool's nodes and template stay in the processor's cache
   * while the signatures change. `quickVerdict` then reads them.
   */
  askWithout(needs: readonly PodNeeds[], ignore: number) {
    const known = needs.map(n => this.whatIfKnown(n, ignore));
    for (const pool of this.state.pools) {
      const template = this.template(pool);
      for (let n = 0; n < needs.length; n++) {
        if (known[n][pool.index] === NOT_ASKED) known[n][pool.index] = quickVerdict(needs[n], pool, template, ignore);
      }
    }
  }

  /** The "what if" verdicts of a signature kept so far, by pool position. Callers ask one signature's pools in a row: the last one is at hand. */
  private whatIfKnown(needs: PodNeeds, ignore: number): Uint8Array {
    const last = this.lastWhatIf;
    if (last && last.needs === needs && last.ignore === ignore) return last.known;
    let byIgnore = this.whatIf.get(needs);
    if (!byIgnore) this.whatIf.set(needs, (byIgnore = new Map()));
    let known = byIgnore.get(ignore);
    if (!known) byIgnore.set(ignore, (known = new Uint8Array(this.state.pools.length).fill(NOT_ASKED)));
    this.lastWhatIf = { needs, ignore, known };
    return known;
  }

  /** Every signature's verdict bits on one pool, its template looked up once: into `flags[n][pool.index]` for signature n. */
  quickVerdictsOfPool(needs: readonly PodNeeds[], pool: PoolState, flags: readonly Uint8Array[]) {
    const template = this.template(pool);
    for (let n = 0; n < needs.length; n++) flags[n][pool.index] = quickVerdict(needs[n], pool, template);
  }

  /** How many pods of the signature one new node of the pool holds (0 when it holds none or is unknown). */
  podsPerNewNode(needs: PodNeeds, pool: PoolState): number {
    let best = 0;
    for (const candidate of this.template(pool).candidates) best = Math.max(best, podsPerNode(candidate, needs.requests) ?? 0);
    return best;
  }

  /** `fitsNowKnown`: the quick verdict has FITS_NOW, so the existing nodes are not explained again. */
  evaluatePool(needs: PodNeeds, pool: PoolState, fitsNowKnown = false): PoolEvaluation {
    return evaluatePool(needs, pool, this.template(pool), reasons => this.ipExhaustion(pool, reasons), fitsNowKnown);
  }

  /** Some nodes of the pool are at max pods, and prefix delegation would raise that max. */
  mayBeIpLimited(pool: PoolState): boolean {
    return pool.classes.some(c => c.maxFreeVector[c.maxFreeAt + ResourceIndex.PODS] < 1) && this.prefixLimit(pool) !== undefined;
  }

  private prefixLimit(pool: PoolState): IpExhaustion | undefined {
    let limit = this.prefixLimits.get(pool);
    if (limit === undefined) {
      const node = pool.classes[0]?.nodes[0];
      limit = node
        ? interfaceLimitOf(pool.provider, node.labels, node.allocatable.pods ?? 0, this.catalog, this.options.prefixDelegation === true) ?? null
        : null;
      this.prefixLimits.set(pool, limit);
    }
    return limit ?? undefined;
  }

  /** Is the pod held back by the pod network's per-node address limit that prefix delegation would lift? */
  private ipExhaustion(pool: PoolState, reasons: readonly TalliedReason[]): IpExhaustion | undefined {
    if (!reasons.some(r => r.code === 'insufficient:pods')) return undefined;
    return this.prefixLimit(pool);
  }
}
