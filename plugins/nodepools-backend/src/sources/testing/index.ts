export {
  startReplayServer,
  type ReplayServer,
  type ReplayResponse,
  type ReplayRoute,
  type RecordedRequest,
} from './replayServer';
export {
  createSelfSignedCertificate,
  type SelfSignedCertificate,
} from './selfSignedCertificate';
export {
  SHARED_FIXTURES_DIR,
  SHARED_FIXTURES_NOTE,
  sharedFixturesAvailable,
  readSharedFixture,
} from './sharedFixtures';
export {
  describeSourceContract,
  type SourceContractHarness,
} from './sourceContract';
export {
  startGoogleTokenEndpoint,
  type GoogleTokenEndpoint,
  type ServiceAccountKey,
} from './googleTokenEndpoint';
export { startEntraAuthority, type EntraAuthority } from './entraAuthority';
