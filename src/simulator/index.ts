/**
 * astro-stagebloc/simulator: an offline StageBloc API (JSON and XML) serving a
 * deterministic demo account and its media, with fault injection for tests.
 */
export { startSimulator, DEFAULT_TOKEN_TTL_SECONDS } from './simulator.js';
export {
  createDemoAccount,
  generateFinalApiContent,
  type DemoAccountOptions,
  type FinalApiContentOptions,
} from './demo-account.js';
export {
  demoMediaManifest,
  DEMO_ASSETS_DIR,
  type DemoMediaManifest,
  type DemoImage,
  type DemoAudio,
} from './media-manifest.js';
export { DEMO_REFERENCE_TIME } from './dates.js';
export { MOBILE_UPLOADS_TITLE, DEFAULT_MAX_UPLOAD_BYTES } from './audio-edit.js';
export { parseFaultSpec } from './fault-spec.js';
export { runSimulatorCli, SimulatorUsageError } from './cli.js';
export type {
  AccountRecord,
  AlbumRecord,
  BlogRecord,
  CollaboratorRecord,
  DemoAccount,
  DemoArtist,
  DownloadDetailsRecord,
  EventRecord,
  Fault,
  FaultKind,
  ImageRecord,
  LocationRecord,
  PhotoRecord,
  PlaylistRecord,
  RequestLogEntry,
  Simulator,
  SimulatorOptions,
  StatusRecord,
  TokenOwnerRecord,
  TrackRecord,
  VideoRecord,
  WireRecord,
} from './types.js';
