export { RequestListPage } from './RequestListPage';
export type { RequestListPageProps } from './RequestListPage';
