/**
 * Runs `cleanup` before the process exits on Ctrl-C or SIGTERM, for children
 * that run in process groups of their own (the dev servers) and would
 * otherwise outlive an interrupted benchmark. Returns the unregistration.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    cleanup()
      .catch(error => console.error(error))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
  };
}
