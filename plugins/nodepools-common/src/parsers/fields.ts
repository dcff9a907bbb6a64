import { ItemFieldError, ItemFieldErrors } from './types';

/** How a value reads in an error message: `"three"`, `12`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(
        value.length > 60 ? `${value.slice(0, 57)}...` : value,
      );
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  );
}

const INTEGER_STRING = /^\d+$/;

export interface IntegerOptions {
  /**
   * Accept a decimal string too: the protobuf JSON mapping Google's APIs use
   * writes int64 fields (such as `maxPodsPerNode`) as strings and accepts
   * strings for every integer type.
   */
  decimalString?: boolean;
}

/** A field read leniently: where it is and what was made of it. */
export interface FieldWarning {
  field?: string;
  message: string;
}

/**
 * Typed, path-aware reads of one provider record. A read that fails records a
 * problem under the field's dotted path and returns `undefined` (or a neutral
 * value for required fields), so a parser goes on and reports every problem of
 * the record at once through `finish()`.
 *
 * `null` counts as absent: cloud CLIs print unset optional fields as null.
 */
export class RecordReader {
  private constructor(
    private readonly record: Record<string, unknown>,
    /** Dotted path of this record inside the item; '' for the item itself. */
    readonly path: string,
    private readonly problems: ItemFieldError[],
    private readonly warnings: FieldWarning[],
  ) {}

  /** A reader over a whole item; `what` names the expected record in the error. */
  static forItem(item: unknown, what: string): RecordReader {
    const problems: ItemFieldError[] = [];
    if (!isPlainObject(item)) {
      problems.push(
        new ItemFieldError(
          undefined,
          `expected ${what} object, got ${describeValue(item)}`,
        ),
      );
      return new RecordReader({}, '', problems, []);
    }
    return new RecordReader(item, '', problems, []);
  }

  fieldPath(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** Records a problem with a field of this record (or the record itself). */
  report(key: string | undefined, message: string): void {
    const field =
      key === undefined ? this.path || undefined : this.fieldPath(key);
    this.problems.push(new ItemFieldError(field, message));
  }

  /**
   * Records that a field was read leniently: the item still imports, the raw
   * record keeps the value, and the user is told what was made of it.
   */
  warn(key: string | undefined, message: string): void {
    const field =
      key === undefined ? this.path || undefined : this.fieldPath(key);
    this.warnings.push(field ? { field, message } : { message });
  }

  /** The warnings recorded so far for the whole item. */
  fieldWarnings(): readonly FieldWarning[] {
    return this.warnings;
  }

  /** Every field of the record that is set, in the record's order. */
  entries(): Array<[string, unknown]> {
    return Object.entries(this.record).filter(
      ([, value]) => value !== undefined && value !== null,
    );
  }

  /** The raw value of a field; null and undefined both read as absent. */
  get(key: string): unknown {
    const value = this.record[key];
    return value === null ? undefined : value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  string(key: string): string | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.report(key, `expected a string, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  /** A non-empty string, or '' after recording why it is missing. */
  requiredString(key: string): string {
    const value = this.get(key);
    if (value === undefined || value === '') {
      this.report(key, 'is required');
      return '';
    }
    return this.string(key) ?? '';
  }

  /** A count: a non-negative whole number. */
  integer(key: string, options: IntegerOptions = {}): number | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    const parsed =
      options.decimalString &&
      typeof value === 'string' &&
      INTEGER_STRING.test(value)
        ? Number(value)
        : value;
    if (
      typeof parsed !== 'number' ||
      !Number.isSafeInteger(parsed) ||
      parsed < 0
    ) {
      this.report(
        key,
        `expected a non-negative integer, got ${describeValue(value)}`,
      );
      return undefined;
    }
    return parsed;
  }

  boolean(key: string): boolean | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.report(key, `expected true or false, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  /** One of a fixed set of spellings, compared exactly. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.report(
        key,
        `expected one of ${allowed.join(', ')}, got ${describeValue(value)}`,
      );
      return undefined;
    }
    return value as T;
  }

  /**
   * A value of an enumeration the provider extends over time (ARM's "known
   * values", EKS and GKE enums): matched regardless of case. A value not in
   * `known` does not reject the item: it is a warning saying what the pool
   * reads as instead (`readAs`), and the result is undefined.
   */
  openEnum<T>(
    key: string,
    known: Readonly<Record<string, T>>,
    readAs: string,
  ): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const match = Object.keys(known).find(
      name => name.toLowerCase() === value.toLowerCase(),
    );
    if (match !== undefined) return known[match];
    this.warn(
      key,
      `unknown value ${describeValue(value)} (known: ${Object.keys(known).join(', ')}): read as ${readAs}`,
    );
    return undefined;
  }

  array(key: string): unknown[] | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.report(key, `expected a list, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  /** A list of strings; a bad element is reported as `key[i]` and left out. */
  stringArray(key: string): string[] | undefined {
    const values = this.array(key);
    if (values === undefined) return undefined;
    const strings: string[] = [];
    values.forEach((value, index) => {
      if (typeof value === 'string') {
        strings.push(value);
      } else {
        this.report(
          `${key}[${index}]`,
          `expected a string, got ${describeValue(value)}`,
        );
      }
    });
    return strings;
  }

  /** A string-to-string map such as labels or tags; a bad value is reported as `key.name`. */
  stringMap(key: string): Record<string, string> | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) {
      this.report(key, `expected a map of strings, got ${describeValue(value)}`);
      return undefined;
    }
    const map: Record<string, string> = {};
    for (const [name, entry] of Object.entries(value)) {
      if (typeof entry === 'string') {
        map[name] = entry;
      } else {
        this.report(
          `${key}.${name}`,
          `expected a string, got ${describeValue(entry)}`,
        );
      }
    }
    return map;
  }

  /** A nested record, read with the same problem list and a longer path. */
  object(key: string): RecordReader | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) {
      this.report(key, `expected an object, got ${describeValue(value)}`);
      return undefined;
    }
    return new RecordReader(
      value,
      this.fieldPath(key),
      this.problems,
      this.warnings,
    );
  }

  /**
   * A list of records, each read at `key[i]`; elements that are not records
   * are reported and left out.
   */
  objectArray(key: string): RecordReader[] | undefined {
    const values = this.array(key);
    if (values === undefined) return undefined;
    const readers: RecordReader[] = [];
    values.forEach((value, index) => {
      const path = this.fieldPath(`${key}[${index}]`);
      if (isPlainObject(value)) {
        readers.push(
          new RecordReader(value, path, this.problems, this.warnings),
        );
      } else {
        this.problems.push(
          new ItemFieldError(
            path,
            `expected an object, got ${describeValue(value)}`,
          ),
        );
      }
    });
    return readers;
  }

  /** Throws every recorded problem of the item: one ItemFieldError, or ItemFieldErrors. */
  finish(): void {
    if (this.problems.length === 1) throw this.problems[0];
    if (this.problems.length > 1) {
      throw new ItemFieldErrors([...this.problems]);
    }
  }
}
