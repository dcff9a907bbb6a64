import { promises as fs } from 'node:fs';
import { runDesiredCommand } from './desired';
import { runDriftCommand } from './drift';
import type { CommandIo } from './io';
import { runNormalizeCommand } from './normalize';
import { runTriageCommand } from './triage';

const USAGE = `Usage: nodepools <command> [options]

Commands:
  normalize <file>...   print the normalized pools of cloud exports as JSON
  desired <file>...     print the pools Terraform state/plan, eksctl configs or
                        Karpenter manifests declare, as JSON with their addresses
  drift --desired <file>... --actual <export>... [--json]
                        compare declared pools with the cloud's and their nodes
  triage --pods pods.json --nodes nodes.json [--pools file]... [--json]
                        explain why pending pods do not schedule, pool by pool

Run 'nodepools <command> --help' for a command's options.`;

type Command = (args: string[], io: CommandIo) => Promise<number>;

const commands: Record<string, Command> = {
  normalize: runNormalizeCommand,
  desired: runDesiredCommand,
  drift: runDriftCommand,
  triage: runTriageCommand,
};

/** Runs the `nodepools` command line and returns its exit code. */
export async function main(
  argv: string[],
  io: CommandIo = {
    readFile: path => fs.readFile(path, 'utf8'),
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
  },
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`Unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  return command(args, io);
}
