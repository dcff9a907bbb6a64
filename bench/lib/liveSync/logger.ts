import type { LoggerService } from '@backstage/backend-plugin-api';

/**
 * A logger that keeps the output to the tables and remembers warnings and
 * errors: a source that reports a failed scope voids the run's numbers.
 */
export function recordingLogger(): { logger: LoggerService; problems: string[] } {
  const problems: string[] = [];
  const logger: LoggerService = {
    debug: () => {},
    info: () => {},
    warn: (message: string) => {
      problems.push(`warn: ${message}`);
    },
    error: (message: string) => {
      problems.push(`error: ${message}`);
    },
    child: () => logger,
  };
  return { logger, problems };
}
