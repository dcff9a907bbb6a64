/**
 * Shared model, parsers of cloud exports, provider profiles, triage engine
 * and machine-type catalog of the nodepools plugins. Isomorphic: no I/O.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './parsers';
export * from './quantity';
export * from './machines';
export * from './providers';
export * from './triage';
