export { EksPoolSource, type EksPoolSourceOptions } from './EksPoolSource';
export { createEksSources } from './createEksSources';
export {
  describeSubnets,
  subnetIdsOfRecord,
  type EksScopeListing,
  type SubnetFacts,
  type SubnetHeadroomReading,
} from './subnetHeadroom';
