import type {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readSchedule } from '../sources/createSources';
import { CLOUD_DESIRED_KINDS } from './cloudSources';
import { FileDesiredSource, readDesiredFiles } from './files/FileDesiredSource';
import { ManifestsDesiredSource, readManifestEntries } from './manifests/ManifestsDesiredSource';
import type { DesiredStateSource } from './types';

export interface ScheduledDesiredSource {
  source: DesiredStateSource;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** The schedule of desired-state sources: a block's own, else `nodepools.desired.schedule`, else the sources'. */
export function readDesiredSchedule(config: Config, own?: Config): SchedulerServiceTaskScheduleDefinition {
  return readSchedule(config, own ?? config.getOptionalConfig('nodepools.desired.schedule'));
}

/** Every desired-state source configured under `nodepools.desired`. */
export function createDesiredSources(
  config: Config,
  deps: { logger: LoggerService; urlReader: UrlReaderService; baseDir: string },
): ScheduledDesiredSource[] {
  const sources: ScheduledDesiredSource[] = [];
  const files = readDesiredFiles(config);
  if (files.length) sources.push({ source: new FileDesiredSource(files, deps.baseDir), schedule: readDesiredSchedule(config) });
  const manifests = readManifestEntries(config);
  if (manifests.length) {
    sources.push({ source: new ManifestsDesiredSource(manifests, deps.urlReader), schedule: readDesiredSchedule(config) });
  }
  for (const [kind, create] of Object.entries(CLOUD_DESIRED_KINDS)) {
    const blocks = config.getOptionalConfigArray(`nodepools.desired.${kind}`) ?? [];
    for (const source of create(config, deps)) {
      const own = blocks.find(b => b.getOptionalString('id') === source.id);
      sources.push({ source, schedule: readDesiredSchedule(config, own?.getOptionalConfig('schedule')) });
    }
  }
  return sources;
}
