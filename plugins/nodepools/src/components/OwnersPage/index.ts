export { OwnersPage } from './OwnersPage';
