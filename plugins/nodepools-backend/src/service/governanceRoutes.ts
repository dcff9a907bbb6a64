import type { Request, Router } from 'express';
import type {
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  nodepoolDriftAcknowledgePermission,
  nodepoolReviewConfirmPermission,
  type ConfirmReviewResponse,
  type CostsResponse,
  type FindingState,
  type GovernanceFindingRecord,
  type GovernancePoolsResponse,
  type NodePool,
  type OwnerReview,
  type ReviewPool,
  type UpgradePlan,
} from '@nodepools/plugin-nodepools-common';
import { restrictionOf, scopeCovers, type PoolAccess } from '../permissions';
import { notAllowed } from '../permissions/notAllowed';
import type { GovernanceStore } from '../store/GovernanceStore';
import type { PoolStore } from '../store/PoolStore';
import { costsOf, exportBody, planOf } from '../governance/views';
import {
  parseAcknowledgeBody,
  parseConfirmBody,
  parseCostQuery,
  parseExportPath,
  parseFindingExportQuery,
  parseFindingQuery,
  parseGovernancePoolQuery,
  parseOwnerParam,
  parseUpgradeQuery,
} from './governanceQueryParams';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days of an owner's daily roll-ups in its review. */
const HISTORY_DAYS = 180;

export interface GovernanceRoutesOptions {
  store: GovernanceStore;
  pools: Pick<PoolStore, 'getPools'>;
  userInfo: UserInfoService;
  access: PoolAccess;
  /** Days an ownership confirmation counts. */
  reviewPeriodDays: number;
  /** Evaluates ownership of the reviewed pools at once (and the fleet soon after). */
  reviewed(refs: string[]): Promise<void>;
  now?: () => Date;
}

/**
 * Governance: findings with filters and paging, their summary and
 * acknowledgements, costs grouped by owner, cluster or provider, the
 * pools' governance documents, the staged upgrade plan, owners' reviews
 * with confirmations and hand-overs, and exports. Reads the stored
 * evaluation only. Every route asks `nodepool.read` first: findings, costs
 * and pools are those of the pools the caller may read (a cluster finding
 * when a pool of its cluster is).
 */
export function addGovernanceRoutes(router: Router, options: GovernanceRoutesOptions) {
  const { store, access } = options;
  const now = options.now ?? (() => new Date());
  const readRestriction = async (req: Request) => restrictionOf(await access.readScope(req));

  /** Who acts: the user's entity ref, or the calling service's subject. */
  async function by(req: Request): Promise<string> {
    const credentials = await access.credentials(req);
    const principal = credentials.principal as BackstageUserPrincipal | BackstageServicePrincipal;
    return principal.type === 'user'
      ? (await options.userInfo.getUserInfo(credentials)).userEntityRef
      : principal.subject;
  }

  router.get('/findings', async (req, res) => {
    const query = parseFindingQuery(req.query);
    const restrict = await readRestriction(req);
    res.json(await store.listFindings({ ...query, restrict }, now()));
  });

  router.get('/findings/summary', async (req, res) => {
    if (Object.keys(req.query).length) throw new InputError(`Unknown query parameter '${Object.keys(req.query)[0]}'`);
    const restrict = await readRestriction(req);
    res.json(await store.summary(restrict, now()));
  });

  router.post('/findings/:id/acknowledge', async (req, res) => {
    const at = now();
    const body = parseAcknowledgeBody(req.body, at);
    const read = await access.readScope(req);
    const finding = await store.getFinding(req.params.id, at);
    const pools = finding ? await poolsOfFinding(finding) : [];
    // A finding the caller may not read is as unknown as one that does not exist.
    if (!finding || !pools.length || !pools.some(pool => scopeCovers(read, pool))) {
      throw new NotFoundError(`No governance finding with id '${req.params.id}'`);
    }
    const [acknowledge] = await access.scopes(req, [nodepoolDriftAcknowledgePermission]);
    const denied = pools.find(pool => !scopeCovers(acknowledge, pool));
    if (denied) {
      throw notAllowed(nodepoolDriftAcknowledgePermission, `acknowledge findings of the node pool '${denied.ref}'`);
    }
    const acknowledged = await store.acknowledge(
      finding.id,
      { by: await by(req), at: at.toISOString(), reason: body.reason, ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}) },
      at,
    );
    res.json(acknowledged);
  });

  /** The live pools a finding is about: its pool, or every pool of its cluster. */
  async function poolsOfFinding(finding: GovernanceFindingRecord): Promise<NodePool[]> {
    const refs =
      finding.subject.kind === 'pool'
        ? [finding.subject.ref]
        : (await store.listPoolDocuments({ cluster: [finding.clusterRef] })).map(p => p.ref);
    return (await options.pools.getPools(refs)).filter((p): p is NodePool => Boolean(p));
  }

  router.get('/costs', async (req, res) => {
    const { groupBy = 'owner', ...filters } = parseCostQuery(req.query);
    const restrict = await readRestriction(req);
    const [documents, evaluatedAt] = await Promise.all([
      store.listCostDocuments({ ...filters, restrict }),
      store.evaluatedAt(),
    ]);
    const body: CostsResponse = { groupBy, ...costsOf(documents, groupBy), ...(evaluatedAt ? { evaluatedAt } : {}) };
    res.json(body);
  });

  router.get('/governance/pools', async (req, res) => {
    const query = parseGovernancePoolQuery(req.query);
    const restrict = await readRestriction(req);
    const [items, evaluatedAt] = await Promise.all([
      store.listPoolDocuments({ ...query, restrict }),
      store.evaluatedAt(),
    ]);
    const body: GovernancePoolsResponse = { items, ...(evaluatedAt ? { evaluatedAt } : {}) };
    res.json(body);
  });

  router.get('/upgrades', async (req, res) => {
    const query = parseUpgradeQuery(req.query);
    const restrict = await readRestriction(req);
    const [documents, evaluatedAt] = await Promise.all([
      store.listPoolDocuments({ ...query, restrict }),
      store.evaluatedAt(),
    ]);
    const counts = await store.clusterPoolCounts(documents.map(d => d.clusterRef));
    const body: UpgradePlan = { steps: planOf(documents, counts), ...(evaluatedAt ? { evaluatedAt } : {}) };
    res.json(body);
  });

  router.get('/owners/:ref/review', async (req, res) => {
    const owner = parseOwnerParam(req.params.ref);
    if (Object.keys(req.query).length) throw new InputError(`Unknown query parameter '${Object.keys(req.query)[0]}'`);
    const restrict = await readRestriction(req);
    const at = now();
    const since = new Date(at.getTime() - options.reviewPeriodDays * DAY_MS).toISOString();
    const documents = await store.listPoolDocuments({ owner: [owner], restrict });
    const [confirmations, findings, history, evaluatedAt] = await Promise.all([
      store.latestConfirmations(documents.map(d => d.ref)),
      store.allFindings({ owner: [owner], state: 'all' as FindingState, restrict }, at),
      store.ownerHistory(owner, new Date(at.getTime() - HISTORY_DAYS * DAY_MS).toISOString().slice(0, 10)),
      store.evaluatedAt(),
    ]);
    const pools = documents.map((document): ReviewPool => {
      const confirmation = confirmations.get(document.ref);
      return {
        ...document,
        ...(confirmation ? { confirmation } : {}),
        // As the unconfirmed-ownership rule decides: a hand-over is no confirmation.
        confirmationDue: !(confirmation && confirmation.owner === owner && !confirmation.handedTo && confirmation.at >= since),
      };
    });
    const body: OwnerReview = {
      owner,
      period: { days: options.reviewPeriodDays, since },
      pools,
      findings: findings.filter(f => !f.resolvedAt),
      totals: costsOf(documents, 'owner').total,
      history,
      ...(evaluatedAt ? { evaluatedAt } : {}),
    };
    res.json(body);
  });

  router.post('/owners/:ref/review/confirm', async (req, res) => {
    const owner = parseOwnerParam(req.params.ref);
    const body = parseConfirmBody(req.body);
    const read = await access.readScope(req);
    const pools = await options.pools.getPools(body.pools.map(p => p.ref));
    body.pools.forEach((entry, index) => {
      const pool = pools[index];
      if (!pool || pool.tombstonedAt || !scopeCovers(read, pool)) {
        throw new InputError(`Invalid field 'pools.${index}.ref' in the request body: no pool '${entry.ref}'`);
      }
      if (pool.owner !== owner) {
        throw new InputError(
          `Invalid field 'pools.${index}.ref' in the request body: '${entry.ref}' is owned by ${pool.owner ?? 'no one'}, not ${owner}`,
        );
      }
      if (entry.action === 'hand-over' && entry.handTo === owner) {
        throw new InputError(`Invalid field 'pools.${index}.handTo' in the request body: the pool is already ${owner}'s`);
      }
    });
    const [confirm] = await access.scopes(req, [nodepoolReviewConfirmPermission]);
    const denied = pools.find(pool => !scopeCovers(confirm, pool!));
    if (denied) throw notAllowed(nodepoolReviewConfirmPermission, `confirm the owner of the node pool '${denied.ref}'`);

    const at = now().toISOString();
    const who = await by(req);
    await store.confirm(
      body.pools.map(entry => ({
        poolRef: entry.ref,
        owner,
        by: who,
        at,
        ...(entry.action === 'hand-over' ? { handedTo: entry.handTo } : {}),
      })),
    );
    const refs = body.pools.map(p => p.ref);
    await options.reviewed(refs);
    const confirmations = await store.latestConfirmations(refs);
    const answer: ConfirmReviewResponse = { items: refs.map(ref => confirmations.get(ref)!) };
    res.json(answer);
  });

  router.get('/export/:file', async (req, res) => {
    const match = /^([^.]*)\.(.*)$/.exec(req.params.file);
    const { kind, format } = parseExportPath({ kind: match?.[1] ?? req.params.file, format: match?.[2] });
    const restrict = await readRestriction(req);
    const at = now();
    let file: string;
    if (kind === 'findings') {
      const query = parseFindingExportQuery(req.query);
      file = exportBody('findings', format, await store.allFindings({ ...query, restrict }, at));
    } else if (kind === 'costs') {
      const { groupBy = 'owner', ...filters } = parseCostQuery(req.query);
      file = exportBody('costs', format, costsOf(await store.listCostDocuments({ ...filters, restrict }), groupBy).items);
    } else {
      const query = parseGovernancePoolQuery(req.query);
      file = exportBody('pools', format, await store.listPoolDocuments({ ...query, restrict }));
    }
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="nodepools-${kind}-${at.toISOString().slice(0, 10)}.${format}"`);
    res.send(file);
  });
}
