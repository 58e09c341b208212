/**
 * `astro-stagebloc`: StageBloc content as typed Astro collections, and the `stagebloc()`
 * integration.
 *
 *   // src/content.config.ts
 *   import { stageblocCollections } from 'astro-stagebloc';
 *   export const collections = stageblocCollections();
 */
import { defineCollection } from 'astro/content/config';
import { createCollectionLoader, type CollectionLoaderOptions } from './loaders/loader.js';
import {
  accountSchema,
  albumsSchema,
  blogSchema,
  eventsSchema,
  imageAssetSchemas,
  photosSchema,
  playlistsSchema,
  statusesSchema,
  tracksSchema,
  videosSchema,
} from './loaders/schemas.js';

export type StageblocCollectionsOptions = CollectionLoaderOptions;

function standardCollections(options: StageblocCollectionsOptions) {
  return {
    blog: defineCollection({ loader: createCollectionLoader('blog', options), schema: blogSchema }),
    photos: defineCollection({ loader: createCollectionLoader('photos', options), schema: photosSchema }),
    albums: defineCollection({ loader: createCollectionLoader('albums', options), schema: albumsSchema }),
    tracks: defineCollection({ loader: createCollectionLoader('tracks', options), schema: tracksSchema }),
    playlists: defineCollection({ loader: createCollectionLoader('playlists', options), schema: playlistsSchema }),
    events: defineCollection({ loader: createCollectionLoader('events', options), schema: eventsSchema }),
    videos: defineCollection({ loader: createCollectionLoader('videos', options), schema: videosSchema }),
    statuses: defineCollection({ loader: createCollectionLoader('statuses', options), schema: statusesSchema }),
    account: defineCollection({ loader: createCollectionLoader('account', options), schema: accountSchema }),
  };
}

/** Schema functions get Astro's `image()` helper, so `imageAsset` becomes an ImageMetadata. */
function imageAssetCollections(options: StageblocCollectionsOptions) {
  return {
    ...standardCollections(options),
    photos: defineCollection({ loader: createCollectionLoader('photos', options), schema: imageAssetSchemas.photos }),
    albums: defineCollection({ loader: createCollectionLoader('albums', options), schema: imageAssetSchemas.albums }),
    playlists: defineCollection({
      loader: createCollectionLoader('playlists', options),
      schema: imageAssetSchemas.playlists,
    }),
  };
}

export type StageblocCollections<O extends StageblocCollectionsOptions = StageblocCollectionsOptions> = O extends {
  imageAssets: true;
}
  ? ReturnType<typeof imageAssetCollections>
  : ReturnType<typeof standardCollections>;

/**
 * The collections, `{ blog, photos, albums, tracks, playlists, events, videos, statuses,
 * account }`, ready to export as `collections`. Every option is optional; the token, API URL and format default to
 * STAGEBLOC_ACCESS_TOKEN, STAGEBLOC_API_URL and STAGEBLOC_FORMAT at build time.
 * With `imageAssets: true` (and self-hosted media) photos, albums and playlists also
 * carry `imageAsset`, typed as Astro's ImageMetadata.
 */
export function stageblocCollections<const O extends StageblocCollectionsOptions = {}>(
  options: O = {} as O,
): StageblocCollections<O> {
  return (
    options.imageAssets === true ? imageAssetCollections(options) : standardCollections(options)
  ) as StageblocCollections<O>;
}

export { stagebloc, STAGEBLOC_REMOTE_PATTERNS, type StageblocIntegrationOptions } from './integration/index.js';
export type { StageblocLoaderOptions, OnError } from './loaders/settings.js';
export type { MediaMode } from './content/media/resolve-media.js';
export type { ExclusivePolicy, VisibilityPolicy } from './content/visibility.js';
export type {
  AccountData,
  AlbumData,
  BlogData,
  DownloadData,
  EventData,
  ImageData,
  ImagesData,
  LocationData,
  PhotoData,
  PlaylistData,
  StatusData,
  TrackData,
  VideoData,
} from './loaders/schemas.js';
export { MISSING_TOKEN_MESSAGE } from './sync/errors.js';
export { imageAssetSchemas } from './loaders/schemas.js';
