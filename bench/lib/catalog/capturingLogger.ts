import type { LoggerService } from '@backstage/backend-plugin-api';

/**
 * A logger that keeps the info lines a benchmark reads (the entity
 * provider's summary of each run) and prints only warnings and errors.
 */
export function capturingLogger(lines: string[]): LoggerService {
  const logger: LoggerService = {
    debug: () => {},
    info: (message: string) => {
      lines.push(message);
    },
    warn: (message: string) => console.error(`warn: ${message}`),
    error: (message: string) => console.error(`error: ${message}`),
    child: () => logger,
  };
  return logger;
}
