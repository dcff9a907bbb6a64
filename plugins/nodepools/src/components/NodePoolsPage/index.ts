export { NodePoolsPage } from './NodePoolsPage';
export type { NodePoolsPageProps } from './NodePoolsPage';
