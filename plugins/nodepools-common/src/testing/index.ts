export { prepareReference, referenceTriage } from './reference';
export type { PreparedReference } from './reference';
export type { ReferenceInput, ReferenceReport, ReferenceVerdict } from './reference';
export { randomCluster, seededRandom } from './randomCluster';
