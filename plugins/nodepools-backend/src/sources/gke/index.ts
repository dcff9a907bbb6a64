export {
  GkePoolSource,
  GKE_DEFAULT_ENDPOINT,
  regionOfLocation,
  withoutMetadataValues,
  type GkePoolSourceOptions,
  type AccessTokenProvider,
} from './GkePoolSource';
export { createGkeSources, googleAccessTokenProvider } from './createGkeSources';
