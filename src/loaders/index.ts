/**
 * `astro-stagebloc/loaders`: the individual Content Layer loaders, for sites that want
 * only some collections. Name the collections `tracks`, `playlists`, `blog`, `photos`,
 * `albums`, `events`, `videos`, `statuses` and `account`: the entries' references point at
 * those names. Every collection is synced together (one cheap check each; see GROUPS in
 * sync/account-data.ts), because HTML anywhere must not publish media of hidden items.
 */
import type { Loader } from 'astro/loaders';
import { createCollectionLoader, type CollectionLoaderOptions } from './loader.js';

export type { CollectionLoaderOptions as StageblocLoaderOptions } from './loader.js';

export const tracksLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('tracks', options);
export const playlistsLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('playlists', options);
export const blogLoader = (options: CollectionLoaderOptions = {}): Loader => createCollectionLoader('blog', options);
export const photosLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('photos', options);
export const albumsLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('albums', options);
/** Played and upcoming events (which ones a page shows is the page's choice). */
export const eventsLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('events', options);
export const videosLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('videos', options);
export const statusesLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('statuses', options);
/** One entry: the account the token is connected to (the artist's profile). */
export const accountLoader = (options: CollectionLoaderOptions = {}): Loader =>
  createCollectionLoader('account', options);

export {
  accountSchema,
  albumsSchema,
  blogSchema,
  collectionSchemas,
  eventsSchema,
  imageAssetSchemas,
  imageSchema,
  imagesSchema,
  photosSchema,
  playlistsSchema,
  statusesSchema,
  tracksSchema,
  videosSchema,
  type AccountData,
  type AlbumData,
  type BlogData,
  type DownloadData,
  type EventData,
  type ImageData,
  type ImagesData,
  type LocationData,
  type PhotoData,
  type PlaylistData,
  type StatusData,
  type TrackData,
  type VideoData,
} from './schemas.js';
export { reference, type EntryReference } from './reference.js';
export {
  readSnapshotDir,
  readSnapshotCollection,
  writeSnapshotDir,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotFormatError,
  type SnapshotRead,
  type SnapshotCollection,
  type SnapshotCollectionFile,
  type SnapshotManifest,
  type WriteSnapshotOptions,
} from '../sync/snapshot-format.js';
export type { AccountContent, AlbumRecord, CollectionName, PlaylistRecord } from '../sync/account-data.js';
export { COLLECTION_NAMES } from '../sync/account-data.js';
export { sanitizeRichText, htmlToPlainText, excerptOf, DEFAULT_EMBED_HOSTS } from '../content/sanitize.js';
export {
  visibilityOf,
  DEFAULT_VISIBILITY,
  type VisibilityPolicy,
  type ExclusivePolicy,
} from '../content/visibility.js';
export { MISSING_TOKEN_MESSAGE, MissingTokenError, StageblocSyncError } from '../sync/errors.js';
export { DEFAULT_API_URL, type OnError } from './settings.js';
export type { MediaMode } from '../content/media/resolve-media.js';
