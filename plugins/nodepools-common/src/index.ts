/**
 * Shared model, parsers of cloud exports, triage engine, machine-type
 * catalog and price model of the nodepools plugins. Isomorphic: no I/O.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './parsers';
export * from './quantity';
export * from './machines';
export * from './triage';
export * from './pricing';
export * from './desired';
export * from './drift';
export * from './permissions';
export * from './requests';
