/** Each collection's mapping from the sync's content to its entries. */
import type { AccountContent, CollectionName } from '../sync/account-data.js';
import { mapAlbums, mapBlog, mapPhotos, mapPlaylists, mapTracks, type MappedEntry, type MappingOptions } from './entries.js';
import { mapAccount, mapEvents, mapStatuses, mapVideos } from './final-api-entries.js';

export const mappers: Record<CollectionName, (content: AccountContent, options: MappingOptions) => MappedEntry[]> = {
  tracks: mapTracks,
  playlists: mapPlaylists,
  blog: mapBlog,
  photos: mapPhotos,
  albums: mapAlbums,
  events: mapEvents,
  videos: mapVideos,
  statuses: mapStatuses,
  account: mapAccount,
};
