import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createNodepoolsRequestAction } from './actions/createRequestAction';

/**
 * Adds the `nodepools:request:create` action to the Scaffolder.
 *
 * @public
 */
export const scaffolderModuleNodepools = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'nodepools',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        scaffolder.addActions(createNodepoolsRequestAction({ discovery, auth, appBaseUrl: config.getOptionalString('app.baseUrl') }));
      },
    });
  },
});
