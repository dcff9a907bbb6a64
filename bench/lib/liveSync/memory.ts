const SAMPLE_EVERY_MS = 50;

/** Bytes in a mebibyte, for the tables. */
export const MIB = 2 ** 20;

/**
 * The highest resident set size seen while it runs, sampled every 50 ms. A
 * sample can only be taken when the event loop is free, so the kernel's own
 * high-water mark (`maxRSS`) is read next to it.
 */
export class RssSampler {
  private peak = 0;
  private timer?: NodeJS.Timeout;

  start(): void {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  /** Stops sampling and returns the peak in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peak;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}

/** The process's peak resident set size since it started, in bytes. */
export function processMaxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export function formatMiB(bytes: number): string {
  return `${Math.round(bytes / MIB).toLocaleString('en-US')} MiB`;
}
