/**
 * `astro-stagebloc/loaders`: the individual Content Layer loaders, for sites that want
 * only some collections. Name the collections `tracks`, `playlists`, `blog`, `photos` and
 * `albums`: the entries' references point at those names. Tracks and playlists (and
 * photos and albums) are synced together because they link to each other.
 */
import type { Loader } from 'astro/loaders';
import { createCollectionLoader, type CollectionLoaderOptions } from './loader.js';

export type { CollectionLoaderOptions as StageblocLoaderOptions } from './loader.js';

export const tracksLoader = (options: CollectionLoaderOptions = {}): Loader => createCollectionLoader('tracks', options);
export const playlistsLoader = (options: CollectionLoaderOptions = {}): Loader => createCollectionLoader('playlists', options);
export const blogLoader = (options: CollectionLoaderOptions = {}): Loader => createCollectionLoader('blog', options);
export const photosLoader = (options: CollectionLoaderOptions = {}): Loader => createCollectionLoader('photos', options);
export const albumsLoader = (options: CollectionLoaderOptions = {}): Loader => createCollectionLoader('albums', options);

export {
  albumsSchema,
  blogSchema,
  collectionSchemas,
  imageAssetSchemas,
  imageSchema,
  imagesSchema,
  photosSchema,
  playlistsSchema,
  tracksSchema,
  type AlbumData,
  type BlogData,
  type DownloadData,
  type ImageData,
  type ImagesData,
  type LocationData,
  type PhotoData,
  type PlaylistData,
  type TrackData,
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
export { visibilityOf, DEFAULT_VISIBILITY, type VisibilityPolicy, type ExclusivePolicy } from '../content/visibility.js';
export { MISSING_TOKEN_MESSAGE, MissingTokenError, StageblocSyncError } from '../sync/errors.js';
export { DEFAULT_API_URL, type OnError } from './settings.js';
export type { MediaMode } from '../content/media/resolve-media.js';
