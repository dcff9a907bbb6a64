import os from 'node:os';

/** The machine a benchmark ran on, for its report. */
export function describeMachine(): string {
  const cpus = os.cpus();
  return [
    `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'})`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    `Node ${process.version}`,
    `${os.type()} ${os.release()}`,
  ].join(', ');
}

/** The 1, 5 and 15 minute load averages: how busy the machine was besides the benchmark. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' / ');
}

/** A closing line for a benchmark's output. */
export function machineNote(loadAtStart: string): string {
  return (
    `Machine: ${describeMachine()}; load average (1 / 5 / 15 min) ` +
    `${loadAtStart} at start, ${loadAverage()} at end.`
  );
}
