import {
  coreServices,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';

/** A policy as a function of the permission asked. */
export type TestPolicy = (permission: Permission) => PolicyDecision;

/**
 * A permissions service answering users from a policy function, as the
 * permission backend would, for tests of the plugin's side. Conditional
 * decisions are only answered through `authorizeConditional`, which is
 * what the plugin uses for decisions it applies itself.
 */
export function policyPermissions(policy: TestPolicy): PermissionsService {
  return {
    async authorizeConditional(requests) {
      return requests.map(({ permission }) => policy(permission));
    },
    async authorize(requests) {
      return requests.map(({ permission }) => {
        const decision = policy(permission);
        if (decision.result === AuthorizeResult.CONDITIONAL) {
          throw new Error(
            `authorize() met a conditional decision for ${permission.name}: the plugin must apply conditions itself`,
          );
        }
        return { result: decision.result };
      });
    },
  };
}

export function policyPermissionsFactory(policy: TestPolicy) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => policyPermissions(policy),
  });
}
