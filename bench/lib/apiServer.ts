/*
 * Serves the nodepools backend plugin on a database a benchmark seeded, in a
 * process of its own so the load generator does not share its event loop.
 * Started by api.ts through `startApiServer`; reports its port over IPC.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import nodepoolsPlugin from '@nodepools/plugin-nodepools-backend';
import { openKnex, type DatabaseTarget } from './databases';

export interface ServerReady {
  type: 'nodepools-bench-ready';
  port: number;
}

async function main() {
  const target = JSON.parse(process.env.NODEPOOLS_BENCH_TARGET ?? 'null') as DatabaseTarget | null;
  if (!target) throw new Error('NODEPOOLS_BENCH_TARGET is not set');
  const knex = openKnex(target);
  const backend = await startTestBackend({
    features: [
      nodepoolsPlugin,
      mockServices.database.factory({ knex }),
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
