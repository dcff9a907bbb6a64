export {
  AksPoolSource,
  ARM_DEFAULT_ENDPOINT,
  type AksPoolSourceOptions,
} from './AksPoolSource';
export { createAksSources } from './createAksSources';
