import { createBackendModule } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

const HEADER = 'x-nodepools-dev-user';

interface DevUser {
  userRef: string;
  groups: string[];
}

function readUsers(config: Config): Map<string, string[]> {
  return new Map(
    (config.getOptionalConfigArray('users') ?? []).map(user => [
      user.getString('ref'),
      user.getOptionalStringArray('groups') ?? [],
    ]),
  );
}

/**
 * Development sign-in as one of the users listed under
 * `auth.providers.nodepools-dev-users.users` (`{ref, groups}`),
 * picked per call with the `x-nodepools-dev-user` header. The guest
 * provider knows a single user; the workflow of pool requests needs two
 * people (nobody approves their own request), so the end-to-end test signs
 * in the second one here. Refused outside `NODE_ENV=development`, and
 * without the config section the provider is not set up at all.
 */
export const devUsersAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'nodepools-dev-users',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'nodepools-dev-users',
          factory: createProxyAuthProviderFactory<DevUser>({
            authenticator: createProxyAuthenticator<Map<string, string[]>, DevUser, undefined>({
              defaultProfileTransform: async result => ({ profile: { displayName: result.userRef } }),
              initialize: ({ config }) => readUsers(config),
              async authenticate({ req }, users) {
                if (process.env.NODE_ENV !== 'development') {
                  throw new NotAllowedError('The nodepools development users sign in only when NODE_ENV is development');
                }
                const userRef = req.header(HEADER) ?? '';
                const groups = users.get(userRef);
                if (!groups) throw new AuthenticationError(`No development user '${userRef}' (header ${HEADER})`);
                return { result: { userRef, groups } };
              },
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.issueToken({ claims: { sub: result.userRef, ent: [result.userRef, ...result.groups] } }),
          }),
        });
      },
    });
  },
});
