import type { Violation } from '@nodepools/plugin-nodepools-common';

/** A submit or approve refused because policy errors remain; answered 422 with the violations. */
export class PolicyViolationError extends Error {
  readonly violations: Violation[];
  constructor(violations: Violation[]) {
    const errors = violations.filter(v => v.severity === 'error');
    super(`The request breaks ${errors.length} polic${errors.length === 1 ? 'y' : 'ies'}: ${errors.map(v => `${v.field}: ${v.message}`).join('; ')}`);
    this.name = 'PolicyViolationError';
    this.violations = violations;
  }
}

/** The request changed since the version the caller saw, or cannot take the action in its state; answered 409. */
export class RequestConflictError extends Error {
  readonly currentVersion?: number;
  constructor(message: string, currentVersion?: number) {
    super(message);
    this.name = 'ConflictError';
    this.currentVersion = currentVersion;
  }
}
