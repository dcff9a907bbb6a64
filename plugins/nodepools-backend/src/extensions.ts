/**
 * The sources extension point is defined in `@nodepools/plugin-nodepools-node`;
 * modules should import it from there. Re-exported for existing imports.
 */
export {
  nodepoolsSourcesExtensionPoint,
  type NodePoolsSourcesExtensionPoint,
} from '@nodepools/plugin-nodepools-node';
