import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { GeneratedFile } from '../generator';
import { importTestSupport, REPO_ROOT } from '../repoModules';
import { assertPortFree } from './ports';

export interface BenchApp {
  appUrl: string;
  backendUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

interface DevServers {
  stop(): Promise<void>;
}

type StartDevServers = (options: {
  configs: string[];
  backendUrl: string;
  appUrl: string;
  log?: (text: string) => void;
}) => Promise<DevServers>;

/**
 * The backend and app dev servers as `npm start` runs them, on ports of
 * their own, with the file source pointed at the generated exports. The
 * schedule is stretched to an hour so no resync runs while the UI is timed.
 */
export async function startBenchApp(options: {
  files: GeneratedFile[];
  dir: string;
  appPort: number;
  backendPort: number;
  /** More config, merged over the bench's own (e.g. `auth`, `nodepools.requests`). */
  extraConfig?: Record<string, unknown>;
}): Promise<BenchApp> {
  await assertPortFree(options.appPort);
  await assertPortFree(options.backendPort);
  const appUrl = `http://localhost:${options.appPort}`;
  const backendUrl = `http://localhost:${options.backendPort}`;
  const configFile = path.join(options.dir, 'app-config.bench.yaml');
  await fs.writeFile(
    configFile,
    stringify({
      app: { baseUrl: appUrl },
      backend: {
        baseUrl: backendUrl,
        listen: { port: options.backendPort },
        cors: { origin: appUrl },
      },
      nodepools: {
        schedule: { frequency: { minutes: 60 }, timeout: { minutes: 10 }, initialDelay: { seconds: 1 } },
        sources: { files: options.files },
      },
    }),
  );
  const extraFile = path.join(options.dir, 'app-config.bench-extra.yaml');
  if (options.extraConfig) await fs.writeFile(extraFile, stringify(options.extraConfig));
  const logFile = path.join(options.dir, 'dev-servers.log');
  const log = createWriteStream(logFile);
  const { startDevServers } = await importTestSupport<{
    startDevServers: StartDevServers;
  }>('devServers.mjs');
  try {
    const servers = await startDevServers({
      configs: [
        'app-config.yaml',
        path.relative(REPO_ROOT, configFile),
        ...(options.extraConfig ? [path.relative(REPO_ROOT, extraFile)] : []),
      ],
      backendUrl,
      appUrl,
      log: text => log.write(text),
    });
    return {
      appUrl,
      backendUrl,
      logFile,
      async stop() {
        await servers.stop();
        log.end();
      },
    };
  } catch (error) {
    log.end();
    throw error;
  }
}
