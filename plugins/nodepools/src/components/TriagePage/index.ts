export { TriagePage } from './TriagePage';
