/**
 * A `cursor` that is not one this store handed out for the same sort: the
 * caller's mistake, not the store's. The HTTP layer answers it with a 400.
 */
export class InvalidCursorError extends Error {
  readonly name = 'InvalidCursorError';
}
