/** A command line mistake: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

/** The context flags shared by `desired` and `drift`: what files do not say themselves. */
export interface ContextFlags {
  cluster?: string;
  region?: string;
  account?: string;
  override?: boolean;
}

/**
 * Reads `--cluster`, `--region`, `--account` and `--override` at `args[i]`;
 * returns the index of the last argument used, or undefined when `args[i]`
 * is not one of them.
 */
export function readContextFlag(args: readonly string[], i: number, into: ContextFlags): number | undefined {
  const arg = args[i];
  const value = () => {
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`Option ${arg} needs a value`);
    return next;
  };
  switch (arg) {
    case '--cluster':
      into.cluster = value();
      return i + 1;
    case '--region':
      into.region = value();
      return i + 1;
    case '--account':
      into.account = value();
      return i + 1;
    case '--override':
      into.override = true;
      return i;
    default:
      return undefined;
  }
}

/** Control characters shown as escapes, so data read from files cannot drive the terminal. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
