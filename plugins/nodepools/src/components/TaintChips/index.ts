export { TaintChips } from './TaintChips';
