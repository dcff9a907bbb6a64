import type { Request } from 'express';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type BasicPermission,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionTransformer,
  type ConditionTransformer,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  nodepoolRawReadPermission,
  nodepoolReadPermission,
  nodepoolTriageAnalyzePermission,
  type NodePool,
  type PoolCondition,
} from '@nodepools/plugin-nodepools-common';
import type { PoolStore } from '../store/PoolStore';
import type { TriageInventory } from '../triage/runTriage';
import { notAllowed } from './notAllowed';
import { PoolReader } from './PoolReader';
import type { PoolScope } from './poolScope';
import { VisibleTriage, type TriageReads } from './VisibleTriage';
import { visibleInventory } from './visibleInventory';

/** Who asks: a request's caller, or credentials an action was given. */
export type Caller = Request | BackstageCredentials;

function isCredentials(caller: Caller): caller is BackstageCredentials {
  return '$$type' in caller && caller.$$type === '@backstage/BackstageCredentials';
}

/**
 * The one place the plugin asks the permission framework: routes and
 * actions call it first, with the caller's credentials. Without a
 * permission backend (`permission.enabled` false) every decision is ALLOW,
 * and service principals are allowed whatever the policy (Backstage's
 * defaults), so other backends keep reading pools.
 */
export class PoolAccess {
  private readonly toConditions: ConditionTransformer<PoolCondition>;

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      httpAuth: HttpAuthService;
      ruleset: PermissionRuleset<NodePool, PoolCondition, 'nodepool'>;
    },
  ) {
    this.toConditions = createConditionTransformer(deps.ruleset);
  }

  async credentials(caller: Caller): Promise<BackstageCredentials> {
    if (isCredentials(caller)) return caller;
    return this.deps.httpAuth.credentials(caller, { allow: ['user', 'service'] });
  }

  /** Throws NotAllowedError unless the caller holds a basic permission. */
  async require(caller: Caller, permission: BasicPermission, doing: string): Promise<void> {
    const credentials = await this.credentials(caller);
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw notAllowed(permission, doing);
    }
  }

  /** What each resource permission on pools lets the caller do, in one round trip. */
  async scopes(
    caller: Caller,
    permissions: ResourcePermission<'nodepool'>[],
  ): Promise<PoolScope[]> {
    const credentials = await this.credentials(caller);
    const decisions = await this.deps.permissions.authorizeConditional(
      permissions.map(permission => ({ permission })),
      { credentials },
    );
    return decisions.map(decision => this.toScope(decision));
  }

  /**
   * The pools the caller may read; NotAllowedError when the policy denies
   * reading pools outright.
   */
  async readScope(caller: Caller): Promise<PoolScope> {
    const [scope] = await this.scopes(caller, [nodepoolReadPermission]);
    if (scope.kind === 'none') {
      throw notAllowed(nodepoolReadPermission, 'read node pools');
    }
    return scope;
  }

  /**
   * Checks one pool before it is shown: reading it, and its raw record.
   * NotAllowedError at once when the policy denies reading pools outright.
   */
  async poolReader(caller: Caller): Promise<PoolReader> {
    const [read, raw] = await this.scopes(caller, [
      nodepoolReadPermission,
      nodepoolRawReadPermission,
    ]);
    if (read.kind === 'none') {
      throw notAllowed(nodepoolReadPermission, 'read node pools');
    }
    return new PoolReader(read, raw);
  }

  /** The stored triage reports as the caller may read them; 403 when reading pools is denied. */
  async triageReads(
    caller: Caller,
    triage: TriageReads,
    pools: Pick<PoolStore, 'listClusters' | 'getPools'>,
  ): Promise<TriageReads> {
    return new VisibleTriage(triage, pools, await this.readScope(caller));
  }

  /**
   * For an analysis on demand: 403 without `nodepool.triage.analyze`;
   * then the inventory the analysis may read, the pools the caller may
   * read (none when reading pools is denied: posted pools still work).
   */
  async analysisInventory(
    caller: Caller,
    store: TriageInventory & Pick<PoolStore, 'listClusters'>,
  ): Promise<TriageInventory> {
    await this.require(caller, nodepoolTriageAnalyzePermission, 'analyze pending pods');
    const [read] = await this.scopes(caller, [nodepoolReadPermission]);
    return visibleInventory(store, read);
  }

  private toScope(decision: PolicyDecision): PoolScope {
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return { kind: 'some', restriction: this.toConditions(decision.conditions) };
    }
    return decision.result === AuthorizeResult.ALLOW ? { kind: 'all' } : { kind: 'none' };
  }
}
