/**
 * The desired-state source types live in `@nodepools/plugin-nodepools-node`,
 * so backend modules can add sources without depending on this plugin.
 */
export type { DesiredStateListing, DesiredStateSource } from '@nodepools/plugin-nodepools-node';
