/**
 * Shared model, parsers of cloud exports, provider profiles, triage engine,
 * machine-type catalog, price model, desired-state readers, drift comparison
 * and permissions of the nodepools plugins. Isomorphic: no I/O.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './parsers';
export * from './quantity';
export * from './machines';
export * from './providers';
export * from './triage';
export * from './pricing';
export * from './desired';
export * from './drift';
export * from './permissions';
export * from './workloads';
export * from './requests';
export * from './governance';
