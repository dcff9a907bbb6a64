export { RequestFormPage } from './RequestFormPage';
export type { RequestFormPageProps } from './RequestFormPage';
