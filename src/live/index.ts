/**
 * `astro-stagebloc/live`: live loaders for Astro's live content collections, for sites that
 * render pages on request (`output: 'server'` with an adapter). Entries are the build-time
 * collections' entries; filters are the API's documented list parameters.
 *
 *   // src/live.config.ts
 *   import { defineLiveCollection } from 'astro:content';
 *   import { blogLiveLoader } from 'astro-stagebloc/live';
 *   export const collections = { blog: defineLiveCollection({ loader: blogLiveLoader() }) };
 */
import type { CollectionName } from '../sync/account-data.js';
import { LIVE_COLLECTIONS } from './collections.js';
import { createLiveLoader, type LiveLoaderOptions, type StageblocLiveLoader } from './loader.js';

export const tracksLiveLoader = (options: LiveLoaderOptions = {}) => createLiveLoader('tracks', options);
export const playlistsLiveLoader = (options: LiveLoaderOptions = {}) => createLiveLoader('playlists', options);
export const blogLiveLoader = (options: LiveLoaderOptions = {}) => createLiveLoader('blog', options);
export const photosLiveLoader = (options: LiveLoaderOptions = {}) => createLiveLoader('photos', options);
export const albumsLiveLoader = (options: LiveLoaderOptions = {}) => createLiveLoader('albums', options);

/**
 * Every collection's live loader, sharing one client and one account cache: pass each to
 * `defineLiveCollection()` in src/live.config.ts (Astro requires that call to be made there).
 */
export function stageblocLiveLoaders(options: LiveLoaderOptions = {}): {
  [C in CollectionName]: StageblocLiveLoader<C>;
} {
  const names = Object.keys(LIVE_COLLECTIONS) as CollectionName[];
  return Object.fromEntries(names.map((name) => [name, createLiveLoader(name, options)])) as {
    [C in CollectionName]: StageblocLiveLoader<C>;
  };
}

export { createLiveLoader, LIVE_LOADER_NAME, type LiveLoaderOptions, type StageblocLiveLoader } from './loader.js';
export { StageblocLiveError } from './errors.js';
export { CACHE_TAG } from './cache-hint.js';
export type {
  AlbumsFilter,
  BlogFilter,
  LiveData,
  LiveFilters,
  LiveOrdering,
  PhotosFilter,
  PlaylistsFilter,
  TracksFilter,
} from './collections.js';
