import { readFileSync } from 'node:fs';

/** Resident memory of another process, from Linux's /proc/<pid>/status, in MiB. */
function readStatus(pid: number): { rss: number; hwm: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined; // the process has ended
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

export interface RssSampler {
  /** Stops sampling: the largest VmRSS seen, and the kernel's high-water mark (VmHWM) of the process's life. */
  stop(): { peakSampledMb: number; highWaterMb: number };
}

/**
 * Samples a process's resident memory every `everyMs`: its threads (the
 * triage thread of the backend included) share it.
 */
export function sampleRss(pid: number, everyMs = 100): RssSampler {
  if (!readStatus(pid)) throw new Error(`cannot read /proc/${pid}/status (Linux only)`);
  let peak = 0;
  let hwm = 0;
  const sample = () => {
    const status = readStatus(pid);
    if (!status) return;
    peak = Math.max(peak, status.rss);
    hwm = Math.max(hwm, status.hwm);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { peakSampledMb: peak, highWaterMb: hwm };
    },
  };
}
