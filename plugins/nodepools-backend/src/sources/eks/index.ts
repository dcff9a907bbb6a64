export { EksPoolSource, type EksPoolSourceOptions } from './EksPoolSource';
export { createEksSources } from './createEksSources';
