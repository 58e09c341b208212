/**
 * `astro-stagebloc/client`: the StageBloc API 2.0 client.
 */
export {
  createClient,
  type AccountsApi,
  type AlbumsApi,
  type AllParams,
  type PlaylistsApi,
  type ResourceApi,
  type StageBlocClient,
  type StageBlocClientOptions,
  type TracksApi,
} from './client.js';
export {
  ENDPOINTS,
  type AlbumListParams,
  type BlogListParams,
  type BlogOrderBy,
  type BlogStatus,
  type Direction,
  type EventListParams,
  type EventOrderBy,
  type OrderBy,
  type PhotoListParams,
  type PlaylistListParams,
  type StatusListParams,
  type StatusOrderBy,
  type TrackListParams,
  type VideoListParams,
  type VideoOrderBy,
} from './endpoints.js';
export { paginate, type PaginateOptions } from './paginate.js';
export {
  clientCredentials,
  connectUrl,
  exchangeCode,
  DEFAULT_BASE_URL,
  DEFAULT_CONNECT_BASE,
  type ClientCredentialsOptions,
  type ConnectUrlOptions,
  type ExchangeCodeOptions,
  type TokenProvider,
} from './oauth.js';
export {
  MAX_AUDIO_FILE_BYTES,
  validateAudioEdit,
  type AudioEditInput,
  type DownloadQualityInput,
  type ValidatedAudioEdit,
} from './upload.js';
export { sniffAudioHeader, type AudioFileType } from './sniff.js';
export { redact, redactError, REDACTED } from './redact.js';
export { parseRetryAfter, type LogLevel } from './transport.js';
export type { RawList, RawRecord, RawValue } from './decode/index.js';
export * from './errors.js';
export type * from './model.js';
export { IMAGE_SIZES } from './model.js';
