import { InvalidCursorError } from './errors';

/** Position after the last row of a page: its sort value and ref (the tie-breaker). */
export interface Cursor {
  value: string | number;
  ref: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.ref])).toString(
    'base64url',
  );
}

/** What the sort column compares: keyset paging binds the cursor's value against it. */
export type SortValueKind = 'integer' | 'text';

/** The range of the integer sort column (`coalesce(node_count, -1)`). */
const INTEGER_RANGE = { min: -1, max: 2 ** 31 - 1 };

/** PostgreSQL refuses NUL in text; no stored value has one. */
function isStorableText(value: string): boolean {
  return !value.includes('\u0000');
}

function fits(value: string | number, kind: SortValueKind): boolean {
  if (kind === 'integer') {
    return (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= INTEGER_RANGE.min &&
      value <= INTEGER_RANGE.max
    );
  }
  return typeof value === 'string' && isStorableText(value);
}

/**
 * A cursor read back for a sort whose column holds `kind` values. A cursor
 * made for another sort, or edited, is refused here rather than by the
 * database (PostgreSQL would fail the whole query).
 */
export function decodeCursorFor(text: string, sort: string, kind: SortValueKind): Cursor {
  const cursor = decodeCursor(text);
  if (!fits(cursor.value, kind) || !isStorableText(cursor.ref)) {
    throw new InvalidCursorError(`its position does not fit sort '${sort}'`);
  }
  return cursor;
}

export function decodeCursor(text: string): Cursor {
  try {
    const [value, ref] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (
      (typeof value === 'string' || typeof value === 'number') &&
      typeof ref === 'string'
    ) {
      return { value, ref };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError('it is not a cursor this API returned');
}
