export { ClonePoolButton, RequestPoolButton } from './RequestPoolButton';
