/*
 * A reader of the HCL the renderers write (attributes, nested blocks,
 * strings, numbers, lists, maps, references and comments), strict enough
 * to catch quoting mistakes: a raw newline or a live template sequence
 * (`${`, `%{`) in a string throws.
 */

export interface HclResource {
  kind: 'resource' | 'data';
  type: string;
  name: string;
  values: Record<string, unknown>;
}

export interface HclDocument {
  resources: HclResource[];
  /** Every decoded string literal, in order. */
  strings: string[];
  comments: string[];
}

type Token = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'p'; v: string } | { t: 'nl' };

function tokenize(text: string, doc: HclDocument): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      tokens.push({ t: 'nl' });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      doc.comments.push(text.slice(i, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined || d === '\n') throw new Error(`unterminated string at ${i}`);
        if (d === '"') break;
        if (d === '\\') {
          const e = text[i + 1];
          if (e === 'u') {
            value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          const escaped = ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[e];
          if (escaped === undefined) throw new Error(`unknown escape \\${e} at ${i}`);
          value += escaped;
          i += 2;
          continue;
        }
        if ((d === '$' || d === '%') && text[i + 1] === d && text[i + 2] === '{') {
          value += `${d}{`;
          i += 3;
          continue;
        }
        if ((d === '$' || d === '%') && text[i + 1] === '{') throw new Error(`template sequence at ${i}`);
        value += d;
        i++;
      }
      i++;
      doc.strings.push(value);
      tokens.push({ t: 'str', v: value });
    } else if ('{}[]=,'.includes(c)) {
      tokens.push({ t: 'p', v: c });
      i++;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(text.slice(i))!;
      tokens.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(c)} at ${i}`);
    }
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new Error('unexpected end');
    return token;
  }
  private skipNewlines(): void {
    while (this.peek()?.t === 'nl') this.i++;
  }
  private expect(p: string): void {
    const token = this.next();
    if (token.t !== 'p' || token.v !== p) throw new Error(`expected ${p}, got ${JSON.stringify(token)}`);
  }

  value(): unknown {
    this.skipNewlines();
    const token = this.next();
    if (token.t === 'str' || token.t === 'num') return token.v;
    if (token.t === 'id') {
      if (token.v === 'true' || token.v === 'false') return token.v === 'true';
      if (token.v === 'null') return null;
      return { reference: token.v };
    }
    if (token.t === 'p' && token.v === '[') {
      const items: unknown[] = [];
      for (;;) {
        this.skipNewlines();
        const p = this.peek();
        if (p?.t === 'p' && p.v === ']') {
          this.i++;
          return items;
        }
        items.push(this.value());
        this.skipNewlines();
        const sep = this.peek();
        if (sep?.t === 'p' && sep.v === ',') this.i++;
      }
    }
    if (token.t === 'p' && token.v === '{') {
      const map: Record<string, unknown> = {};
      for (;;) {
        this.skipNewlines();
        const key = this.next();
        if (key.t === 'p' && key.v === '}') return map;
        if (key.t !== 'str' && key.t !== 'id') throw new Error(`expected a map key, got ${JSON.stringify(key)}`);
        this.expect('=');
        map[String(key.v)] = this.value();
      }
    }
    throw new Error(`unexpected ${JSON.stringify(token)}`);
  }

  /** Attributes and nested blocks up to `}` (or the end at the top). */
  body(top: boolean, resources: HclResource[]): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (!token) {
        if (top) return values;
        throw new Error('unexpected end of block');
      }
      this.i++;
      if (token.t === 'p' && token.v === '}' && !top) return values;
      if (token.t !== 'id') throw new Error(`expected a name, got ${JSON.stringify(token)}`);
      const after = this.peek();
      if (after?.t === 'p' && after.v === '=') {
        this.i++;
        values[token.v] = this.value();
        continue;
      }
      const labels: string[] = [];
      while (this.peek()?.t === 'str') labels.push((this.next() as { v: string }).v);
      this.expect('{');
      const inner = this.body(false, resources);
      if (top && (token.v === 'resource' || token.v === 'data')) {
        resources.push({ kind: token.v, type: labels[0], name: labels[1], values: inner });
      } else {
        const list = (values[token.v] ??= []) as unknown[];
        list.push(inner);
      }
    }
  }
}

export function parseHcl(text: string): HclDocument {
  const doc: HclDocument = { resources: [], strings: [], comments: [] };
  const parser = new Parser(tokenize(text, doc));
  parser.body(true, doc.resources);
  return doc;
}
