export {
  GkePoolSource,
  GKE_DEFAULT_ENDPOINT,
  regionOfLocation,
  withoutMetadataValues,
  type GkePoolSourceOptions,
  type AccessTokenProvider,
} from './GkePoolSource';
export { createGkeSources } from './createGkeSources';
export { googleAccessTokens, CLOUD_PLATFORM_SCOPE } from './googleAccessTokens';
