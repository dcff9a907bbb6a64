import { readFileSync } from 'node:fs';
import {
  coreServices,
  createBackendModule,
  type UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { NODEPOOL_RESOURCE_TYPE } from '@nodepools/plugin-nodepools-common';
import {
  createNodepoolConditionalDecision,
  nodepoolConditions,
} from '../src/permissions';

/**
 * Who the signed-in user is to the plugin:
 * - `allow`: everything;
 * - `viewer`: reads every pool, may not see raw records, sync or analyze;
 * - `owner`: reads the pools (and raw records) of the groups the user is
 *   in, may analyze, may not sync;
 * - `deny`: nothing of the plugin.
 */
export const DEV_POLICY_MODES = ['allow', 'viewer', 'owner', 'deny'] as const;
export type DevPolicyMode = (typeof DEV_POLICY_MODES)[number];

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** The dev backend's policy, switched by `mode()` while the backend runs. */
export class DevPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly mode: () => DevPolicyMode,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('nodepool.')) return ALLOW;
    switch (this.mode()) {
      case 'allow':
        return ALLOW;
      case 'deny':
        return DENY;
      case 'viewer':
        return permission.name === 'nodepool.read' ? ALLOW : DENY;
      default:
        return this.asOwner(request, user);
    }
  }

  /** A team member: the pools (and raw records) of the user's groups, analyses, no syncs. */
  private async asOwner(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.name === 'nodepool.triage.analyze') return ALLOW;
    if (!user || !isResourcePermission(permission, NODEPOOL_RESOURCE_TYPE)) return DENY;
    if (permission.name === 'nodepool.drift.acknowledge') return DENY;
    // The claims: the user and the groups the user belongs to.
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(user.credentials);
    return createNodepoolConditionalDecision(
      permission,
      nodepoolConditions.isOwner({ claims: ownershipEntityRefs }),
    );
  }
}

/**
 * The mode named in the file at `NODEPOOLS_DEV_POLICY_FILE` (one word),
 * read on every decision so that a test can switch it; `allow` without
 * the file.
 */
export function modeFromFile(path: string | undefined): () => DevPolicyMode {
  return () => {
    if (!path) return 'allow';
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch {
      return 'allow';
    }
    if (!(DEV_POLICY_MODES as readonly string[]).includes(text)) {
      throw new Error(
        `${path}: '${text}' is not a policy mode; expected one of ${DEV_POLICY_MODES.join(', ')}`,
      );
    }
    return text as DevPolicyMode;
  };
}

/** The dev policy as a module of the permission backend. */
export function devPermissionPolicyModule(mode: () => DevPolicyMode) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'nodepools-dev-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
        async init({ policy, userInfo }) {
          policy.setPolicy(new DevPermissionPolicy(mode, userInfo));
        },
      });
    },
  });
}
