import type { Resolution } from '../../types';
import type { MarkDelta, NodeMarksDelta } from '../../compare/nodeMarks';
import { isPlainObject } from '../../../parsers/fields';
import { quoted, type ResolutionInput } from '../input';
import { noteResolution, shellResolution } from '../quote';

function asDeltas(value: unknown): MarkDelta[] {
  return Array.isArray(value)
    ? value.filter((d): d is MarkDelta => isPlainObject(d) && typeof d.mark === 'string' && Array.isArray(d.examples))
    : [];
}

function asNodeMarksDelta(value: unknown): NodeMarksDelta {
  return isPlainObject(value) ? { missing: asDeltas(value.missing), extra: asDeltas(value.extra) } : { missing: [], extra: [] };
}


/** Removing a label is `key-`; a taint `key=value:Effect-`. */
function removal(mark: string, kind: 'label' | 'taint'): string {
  return kind === 'label' ? `${mark.slice(0, mark.indexOf('='))}-` : `${mark}-`;
}

/**
 * `kubectl label` / `kubectl taint` for the nodes named as examples: put
 * the pool's labels or taints back on nodes that lack them, take off those
 * the pool does not have. Nodes beyond the examples need the same.
 */
export function nodeMarksRevert(input: ResolutionInput): Resolution | undefined {
  const kind = input.cause === 'node-labels' ? 'label' : 'taint';
  const delta = asNodeMarksDelta(input.actual);
  const commands: string[][] = [];
  for (const m of delta.missing) {
    for (const node of m.examples) commands.push(['kubectl', kind, 'node', node, m.mark, '--overwrite']);
  }
  for (const m of delta.extra) {
    for (const node of m.examples) commands.push(['kubectl', kind, 'node', node, removal(m.mark, kind)]);
  }
  const total = [...delta.missing, ...delta.extra].reduce((n, m) => n + m.nodes, 0);
  const shown = [...delta.missing, ...delta.extra].reduce((n, m) => n + m.examples.length, 0);
  if (!commands.length) {
    return noteResolution(`replace the nodes of pool ${quoted(input.pool.name)} (they are recreated with the pool's ${kind}s), or ${kind} them with kubectl`);
  }
  const more = total > shown ? `; ${total - shown} more nodes need the same` : '';
  return shellResolution(commands, `run against cluster ${quoted(input.pool.cluster)}${more}; new nodes get the pool's ${kind}s anyway`);
}
