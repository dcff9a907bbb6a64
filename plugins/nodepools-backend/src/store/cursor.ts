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
