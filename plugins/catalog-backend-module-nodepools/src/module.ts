import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { readProviderConfigs } from './provider/config';
import { NodePoolsEntityProvider } from './provider/NodePoolsEntityProvider';

/**
 * Publishes the node pools of the nodepools backend to the catalog: one
 * entity provider per block of `catalog.providers.nodepools` (one with the
 * defaults when there is none).
 *
 * @public
 */
export const catalogModuleNodePools = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'nodepools',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ processing, catalog, config, discovery, auth, logger, scheduler }) {
        const appBaseUrl = config.getString('app.baseUrl');
        for (const providerConfig of readProviderConfigs(config)) {
          processing.addEntityProvider(
            new NodePoolsEntityProvider(providerConfig, {
              discovery,
              auth,
              catalog,
              logger: logger.child({ provider: providerConfig.id }),
              scheduler,
              appBaseUrl,
            }),
          );
        }
      },
    });
  },
});
