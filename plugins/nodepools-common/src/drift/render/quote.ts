import type { Resolution } from '../types';

/*
 * Quoting for the three languages resolutions are written in. Every value
 * that comes from a state file, a manifest or a cloud (names, labels,
 * taints, addresses) goes through one of these: none of it can end a
 * string, start a command substitution or a template, or a new line.
 */

/** Words the shell takes literally without quotes. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument for a POSIX shell: bare when safe, else single-quoted (a quote inside becomes '\''). */
export function shellQuote(arg: string): string {
  return arg !== '' && SHELL_SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

export function shellResolution(commands: string[][], note?: string): Resolution {
  return { kind: 'shell', text: commands.map(shellCommand).join('\n'), commands, ...(note ? { note } : {}) };
}

export function noteResolution(text: string): Resolution {
  return { kind: 'note', text };
}

/** Characters that end a line in YAML 1.1 or in JavaScript besides \n and \r. */
const OTHER_LINE_BREAKS = /[\u0085\u2028\u2029]/g;
const OTHER_LINE_BREAK = /[\u0085\u2028\u2029]/;
const ANY_LINE_BREAK = /[\r\n\u0085\u2028\u2029]/g;

/**
 * Text for a `#` comment line in HCL or YAML: JSON-escaped, so a newline
 * (or any line break) in an address or file name cannot end the comment.
 */
export function commentText(text: string): string {
  return JSON.stringify(text).replace(OTHER_LINE_BREAKS, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An HCL quoted string: escapes, and `${`/`%{` doubled so nothing is a template. */
export function hclString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if ((c === '$' || c === '%') && next === '{') out += `${c}${c}`;
    else if (c < ' ' || OTHER_LINE_BREAK.test(c)) out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

export type HclValue = string | number | boolean | null | readonly HclValue[] | { readonly [key: string]: HclValue };

/**
 * An attribute (`name = value`), a nested block, or a comment line (its
 * data parts already passed through `commentText`).
 */
export type HclItem =
  | { attr: string; value: HclValue }
  /** A reference built from the renderer's own identifiers (`to = aws_eks_node_group.web`). */
  | { attr: string; reference: string }
  | { block: string; body: readonly HclItem[] }
  | { comment: string };

function hclValue(value: HclValue, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value as readonly HclValue[];
    if (items.every(v => typeof v !== 'object' || v === null)) return `[${items.map(v => hclValue(v, indent)).join(', ')}]`;
    return `[\n${items.map(v => `${indent}  ${hclValue(v, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { [key: string]: HclValue });
  if (!entries.length) return '{}';
  // Keys are quoted: label keys hold dots and slashes.
  return `{\n${entries.map(([k, v]) => `${indent}  ${hclString(k)} = ${hclValue(v, `${indent}  `)}`).join('\n')}\n${indent}}`;
}

/** HCL text for attributes and blocks; attribute and block names are the renderer's own, never input. */
export function renderHcl(items: readonly HclItem[], indent = ''): string {
  return items
    .map(item => {
      if ('comment' in item) return `${indent}# ${item.comment.replace(ANY_LINE_BREAK, ' ')}`;
      if ('reference' in item) return `${indent}${item.attr} = ${item.reference}`;
      if ('attr' in item) return `${indent}${item.attr} = ${hclValue(item.value, indent)}`;
      return `${indent}${item.block} {\n${renderHcl(item.body, `${indent}  `)}\n${indent}}`;
    })
    .join('\n');
}
