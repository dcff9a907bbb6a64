/*
 * Serves the nodepools backend plugin on a database a benchmark seeded, in a
 * process of its own so the load generator does not share its event loop.
 * Started by api.ts through `startApiServer`; reports its port over IPC.
 * Beside it, a plugin of the benchmark's own gives the baselines: the same
 * backend's auth and routing around nothing, and around one database row.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import nodepoolsPlugin from '@nodepools/plugin-nodepools-backend';
import { openKnex, type DatabaseTarget } from './databases';

export interface ServerReady {
  type: 'nodepools-bench-ready';
  port: number;
}

/** What the benchmark asks of the served backend. */
export interface ServerOptions {
  target: DatabaseTarget;
  /** `nodepools.listing.cacheMb`; the plugin's default when absent. */
  listingCacheMb?: number;
  /** More of the `nodepools` config block (e.g. `triage.limits`), as app-config would give it. */
  nodepools?: Record<string, unknown>;
}

/** `GET /api/bench/ping` and `GET /api/bench/one-row`: authenticated like every nodepools route. */
const baselinePlugin = createBackendPlugin({
  pluginId: 'bench',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ database, httpAuth, httpRouter }) {
        const knex = await database.getClient();
        httpRouter.use((req, res, next) => {
          const answer = async () => {
            await httpAuth.credentials(req, { allow: ['user', 'service'] });
            if (req.method === 'GET' && req.path === '/ping') {
              res.json({ ok: true });
            } else if (req.method === 'GET' && req.path === '/one-row') {
              res.json(await knex('nodepools_sources').orderBy('id').first('id', 'status', 'last_run_at'));
            } else {
              next();
            }
          };
          answer().catch(next);
        });
      },
    });
  },
});

async function main() {
  const options = JSON.parse(process.env.NODEPOOLS_BENCH_SERVER ?? 'null') as ServerOptions | null;
  if (!options) throw new Error('NODEPOOLS_BENCH_SERVER is not set');
  const knex = openKnex(options.target);
  const listing = options.listingCacheMb === undefined ? {} : { listing: { cacheMb: options.listingCacheMb } };
  const backend = await startTestBackend({
    features: [
      nodepoolsPlugin,
      baselinePlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: { nodepools: { ...options.nodepools, ...listing } } }),
      // No source is configured; the seeded store is served as it is.
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await backend.stop();
    await knex.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  const ready: ServerReady = { type: 'nodepools-bench-ready', port: backend.server.port() };
  process.send?.(ready);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
