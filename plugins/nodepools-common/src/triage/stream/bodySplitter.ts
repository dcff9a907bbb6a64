/**
 * Splits a JSON request body into its parts as the bytes arrive, without
 * holding the whole body or every object of it: the members of the top
 * object are handed over one by one, and the items of the lists named in
 * `streamed` (a bare array, or a List object's `items`) one item at a
 * time, each parsed on its own. What is not valid JSON throws
 * BodySyntaxError.
 */
export class BodySyntaxError extends Error {
  constructor(message: string) {
    super(`the request body is not valid JSON: ${message}`);
    this.name = 'BodySyntaxError';
  }
}

export interface BodyParts {
  /** A streamed list begins: its items follow. */
  list(field: string): void;
  /** One item of a streamed list, in order; `index` counts from 0 per list. */
  item(field: string, item: unknown, index: number): void;
  /** A member of the top object given whole (a streamed list field given as an object without an `items` list, too). */
  value(field: string, value: unknown): void;
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Where the splitter is in the top object. */
type Phase =
  | 'start' // before the top `{`
  | 'key' // expecting a member's key (or `}`)
  | 'colon'
  | 'value' // expecting a member's value
  | 'after' // after a member's value: `,` or `}`
  | 'end';

/** A value being copied out of the body, to be parsed when it ends. */
interface Capture {
  text: string[];
  /** Nesting depth of the captured value, relative to where it started. */
  depth: number;
  started: boolean;
  /** A primitive (string, number, literal): it ends at a delimiter. */
  primitive: boolean;
  inString: boolean;
  escape: boolean;
}

function newCapture(): Capture {
  return { text: [], depth: 0, started: false, primitive: false, inString: false, escape: false };
}

/** One object being read member by member: the top object, or a streamed field's List object. */
interface Frame {
  phase: Phase;
  field: string;
  key?: Capture;
  whole?: Capture;
  list?: { field: string; index: number; item: Capture | undefined; afterItem: boolean };
  /** A List object: the streamed field it is the value of, and its members other than `items`. */
  listOf?: string;
  members?: Record<string, unknown>;
  sawItems?: boolean;
}

function done(capture: Capture): boolean {
  return capture.started && capture.depth === 0 && !capture.primitive && !capture.inString;
}

export class BodySplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly frames: Frame[] = [{ phase: 'start', field: '' }];
  private offset = 0;

  constructor(
    private readonly streamed: ReadonlySet<string>,
    private readonly parts: BodyParts,
  ) {}

  write(chunk: Uint8Array) {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new BodySyntaxError('it is not UTF-8 text');
    }
    this.scan(text);
    this.offset += text.length;
  }

  end() {
    let rest: string;
    try {
      rest = this.decoder.decode();
    } catch {
      throw new BodySyntaxError('it is not UTF-8 text');
    }
    this.scan(rest);
    const top = this.frames[0];
    if (this.frames.length > 1 || top.phase !== 'end') throw new BodySyntaxError('it ends before the top object is closed');
  }

  private fail(message: string, at: number): never {
    throw new BodySyntaxError(`${message} at character ${this.offset + at}`);
  }

  private scan(text: string) {
    let i = 0;
    const n = text.length;
    while (i < n) {
      const frame = this.frames[this.frames.length - 1];
      if (frame.list) {
        i = this.scanList(frame, text, i);
        continue;
      }
      if (frame.whole) {
        i = this.copy(frame, frame.whole, text, i);
        if (frame.whole && done(frame.whole)) this.finishWhole(frame);
        continue;
      }
      if (frame.key) {
        i = this.copy(frame, frame.key, text, i);
        if (!frame.key.inString && frame.key.started) {
          frame.field = this.parse(frame.key.text.join(''), 'a key') as string;
          frame.key = undefined;
          frame.phase = 'colon';
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (WS.has(c)) {
        i++;
        continue;
      }
      switch (frame.phase) {
        case 'start':
          if (c !== OPEN_OBJECT) this.fail('expected an object', i);
          frame.phase = 'key';
          i++;
          break;
        case 'key':
          if (c === CLOSE_OBJECT) {
            this.close(frame);
            i++;
          } else if (c === QUOTE) {
            frame.key = newCapture();
          } else this.fail('expected a field name', i);
          break;
        case 'colon':
          if (c !== COLON) this.fail("expected ':'", i);
          frame.phase = 'value';
          i++;
          break;
        case 'value':
          i = this.startValue(frame, c, i);
          break;
        case 'after':
          if (c === COMMA) frame.phase = 'key';
          else if (c === CLOSE_OBJECT) this.close(frame);
          else this.fail("expected ',' or '}'", i);
          i++;
          break;
        default:
          this.fail('unexpected text after the top object', i);
      }
    }
  }

  private startValue(frame: Frame, c: number, i: number): number {
    const streamedHere = frame.listOf === undefined ? this.streamed.has(frame.field) : frame.field === 'items';
    if (streamedHere && c === OPEN_ARRAY) {
      frame.list = { field: frame.listOf ?? frame.field, index: 0, item: undefined, afterItem: false };
      if (frame.listOf !== undefined) frame.sawItems = true;
      this.parts.list(frame.list.field);
      return i + 1;
    }
    if (frame.listOf === undefined && streamedHere && c === OPEN_OBJECT) {
      this.frames.push({ phase: 'key', field: '', listOf: frame.field, members: {} });
      return i + 1;
    }
    frame.whole = newCapture();
    return i;
  }

  /** The end of an object: the top one, or a List object whose field is then done. */
  private close(frame: Frame) {
    frame.phase = 'end';
    if (frame.listOf === undefined) return;
    this.frames.pop();
    const parent = this.frames[this.frames.length - 1];
    parent.phase = 'after';
    // Without an items list it is one object of the kind, or not a list: the reader says which.
    if (!frame.sawItems) this.parts.value(frame.listOf, frame.members);
  }

  /** Inside a streamed array: items are copied and handed over one by one. */
  private scanList(frame: Frame, text: string, start: number): number {
    const list = frame.list!;
    let i = start;
    if (list.item) {
      i = this.copy(frame, list.item, text, i);
      const item = list.item;
      if (item && done(item)) this.finishItem(frame);
      return i;
    }
    const c = text.charCodeAt(i);
    if (WS.has(c)) return i + 1;
    if (c === CLOSE_ARRAY) {
      frame.list = undefined;
      frame.phase = 'after';
      return i + 1;
    }
    if (c === COMMA) {
      if (!list.afterItem) this.fail("unexpected ','", i);
      list.afterItem = false;
      return i + 1;
    }
    if (list.afterItem) this.fail("expected ',' or ']'", i);
    list.item = newCapture();
    return i;
  }

  private finishItem(frame: Frame) {
    const list = frame.list!;
    const value = this.parse(list.item!.text.join(''), `item ${list.index} of ${list.field}`);
    list.item = undefined;
    list.afterItem = true;
    this.parts.item(list.field, value, list.index++);
  }

  private finishWhole(frame: Frame) {
    const value = this.parse(frame.whole!.text.join(''), `field '${frame.field}'`);
    frame.whole = undefined;
    frame.phase = 'after';
    if (frame.members) frame.members[frame.field] = value;
    else this.parts.value(frame.field, value);
  }

  private parse(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new BodySyntaxError(`${what}: ${(error as Error).message}`);
    }
  }

  /**
   * Copies one JSON value from `text` into the capture, up to its end or the
   * end of the text; returns where it stopped. A number or literal ends at
   * the first delimiter, which is left for the caller.
   */
  private copy(frame: Frame, capture: Capture, text: string, start: number): number {
    let i = start;
    const n = text.length;
    if (!capture.started) {
      const c = text.charCodeAt(i);
      capture.started = true;
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) capture.depth = 1;
      else if (c === QUOTE) capture.inString = true;
      else capture.primitive = true;
      i++;
    }
    if (capture.primitive) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || WS.has(d)) break;
        i++;
      }
      capture.text.push(text.slice(start, i));
      if (i < n) this.endPrimitive(frame, capture);
      return i;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (capture.inString) {
        if (capture.escape) capture.escape = false;
        else if (c === BACKSLASH) capture.escape = true;
        else if (c === QUOTE) {
          capture.inString = false;
          if (capture.depth === 0) {
            i++;
            break;
          }
        }
      } else if (c === QUOTE) capture.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) capture.depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        capture.depth--;
        if (capture.depth === 0) {
          i++;
          break;
        }
      }
      i++;
    }
    capture.text.push(text.slice(start, i));
    return i;
  }

  /** A number or literal ended at a delimiter: hand it over. */
  private endPrimitive(frame: Frame, capture: Capture) {
    capture.primitive = false;
    capture.depth = 0;
    if (frame.list?.item === capture) this.finishItem(frame);
    else if (frame.whole === capture) this.finishWhole(frame);
  }
}
