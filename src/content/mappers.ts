/** Each collection's mapping from the sync's content to its entries. */
import type { AccountContent, CollectionName } from '../sync/account-data.js';
import {
  mapAlbums,
  mapBlog,
  mapPhotos,
  mapPlaylists,
  mapTracks,
  type MappedEntry,
  type MappingOptions,
} from './entries.js';
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

/**
 * Entries of some items of one collection (a query's answer), mapped exactly as a sync maps
 * them: links, visibility and media blocking come from `account`, the rest of the account.
 */
export function mapSome<C extends CollectionName>(
  collection: C,
  items: AccountContent[C],
  account: Partial<AccountContent>,
  options: MappingOptions,
): MappedEntry[] {
  return mappers[collection]({ ...account, [collection]: items } as AccountContent, { ...options, account });
}
