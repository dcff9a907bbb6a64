/**
 * Scaffolder backend module of the nodepools plugins: the
 * `nodepools:request:create` action.
 *
 * @packageDocumentation
 */
export { scaffolderModuleNodepools as default } from './module';
export { createNodepoolsRequestAction, ACTION_ID } from './actions/createRequestAction';
