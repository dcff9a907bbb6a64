export { RequestPage } from './RequestPage';
export { RequestStateChip } from './RequestStateChip';
