/**
 * Test tooling of the nodepools plugins: not part of the published main
 * entry point (`@nodepools/plugin-nodepools-common/testing`).
 *
 * @packageDocumentation
 */
export * from './testing/index';
