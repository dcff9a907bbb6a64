import { NotAllowedError } from '@backstage/errors';

/** A 403 that says what the caller tried and which permission it needs. */
export function notAllowed(permission: { name: string }, doing: string): NotAllowedError {
  return new NotAllowedError(`You are not allowed to ${doing} (permission ${permission.name})`);
}
