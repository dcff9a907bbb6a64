import type { ErrorRequestHandler } from 'express';
import { InputError } from '@backstage/errors';
import { InvalidCursorError } from '../store/errors';

/** The HTTP error for a store error caused by the request; others pass unchanged. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof InvalidCursorError) {
    return new InputError(
      `Invalid query parameter 'cursor': ${error.message}; pass the nextCursor of a previous page unchanged`,
    );
  }
  return error;
}

/** Placed last in the router, so Backstage's error handler answers the mapped error. */
export const mapStoreErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  next(toHttpError(error));
};
