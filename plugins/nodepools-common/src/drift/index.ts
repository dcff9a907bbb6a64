export * from './types';
export { compareDrift } from './compare';
export {
  DEFAULT_DRIFT_SEMANTICS,
  defaultDriftSemantics,
  isCompared,
  isImplicitLabel,
  isImplicitTaint,
  type DriftSemantics,
} from './semantics';
export { severityOf } from './severity';
export { findingId } from './findingId';
export { describeDriftValue } from './describe';
export { shellQuote, shellCommand, hclString } from './render/quote';
export { parseKubeVersion, type KubeVersion } from './versions';
export { isSystemNodeLabel } from './nodeLabels';
export type { MarkDelta, NodeMarksDelta } from './compare/nodeMarks';
export * from './api';
