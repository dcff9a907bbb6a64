import { InvalidCursorError } from './errors';

/**
 * Position after the last finding of a page ordered by severity rank, then
 * ref, then id: drift findings and governance findings page alike.
 */
export interface FindingCursor {
  rank: number;
  ref: string;
  id: string;
}

export function encodeFindingCursor(cursor: FindingCursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.ref, cursor.id])).toString('base64url');
}

/**
 * A cursor read back; `ranks` is how many severities there are. An edited
 * one is refused here, not by the database (PostgreSQL refuses NUL in text).
 */
export function decodeFindingCursor(text: string, ranks: number): FindingCursor {
  try {
    const [rank, ref, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Number.isInteger(rank) &&
      rank >= 0 &&
      rank < ranks &&
      typeof ref === 'string' &&
      typeof id === 'string' &&
      !`${ref}${id}`.includes('\u0000')
    ) {
      return { rank, ref, id };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError('it is not a cursor this API returned');
}
