export {
  DoksPoolSource,
  DOKS_DEFAULT_ENDPOINT,
  type DoksPoolSourceOptions,
} from './DoksPoolSource';
export { createDoksSources } from './createDoksSources';
