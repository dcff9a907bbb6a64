/**
 * Shared model, parsers of cloud exports, triage engine and machine-type
 * catalog of the nodepools plugins. Isomorphic: no I/O.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './parsers';
export * from './quantity';
export * from './machines';
export * from './triage';
export * from './desired';
export * from './drift';
