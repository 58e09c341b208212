/**
 * The raw material of a sync: the client's normalized objects (model.ts) plus the two
 * relations the list endpoints don't carry on the items themselves. This is also exactly
 * what a snapshot stores, so a build from a snapshot runs the same mapping as a live one.
 */
import type { Account, Album, BlogEntry, Event, Photo, Playlist, Status, Track, Video } from '../client/model.js';

// The client's model, as the layers above the sync see it (they never reach past the sync).
export type * from '../client/model.js';
export { IMAGE_SIZES } from '../client/model.js';

/** A playlist with its track ids in playlist order (from `/audio/list?playlist_id=`). */
export type PlaylistRecord = Omit<Playlist, 'tracks'> & { trackIds: number[] };

/** An album with its photo ids in album order (from `/photos/list?album_id=`). */
export type AlbumRecord = Album & { photoIds: number[] };

export interface AccountContent {
  tracks: Track[];
  playlists: PlaylistRecord[];
  blog: BlogEntry[];
  photos: Photo[];
  albums: AlbumRecord[];
  /** Played and upcoming. */
  events: Event[];
  videos: Video[];
  statuses: Status[];
  /** The artist's profile: the account the token is connected to (none when it cannot be told). */
  account: Account[];
}

export type CollectionName = keyof AccountContent;

export const COLLECTION_NAMES: readonly CollectionName[] = [
  'tracks',
  'playlists',
  'blog',
  'photos',
  'albums',
  'events',
  'videos',
  'statuses',
  'account',
];

/**
 * Collections that are fetched and committed together. Entries of one collection depend
 * on the others: tracks and playlists link to each other, photos and albums too, and any
 * HTML (blog bodies, descriptions, event and video descriptions) is scrubbed of media URLs
 * that belong to private or locked items of any collection. So the whole account is one
 * group: a change anywhere brings every collection's content up to date (each read only as
 * far as it changed, see incremental-fetch.ts), and the loaders map again only the entries
 * the change reaches (loaders/entry-reuse.ts).
 */
export type GroupName = 'account';

export const GROUPS: Record<GroupName, readonly CollectionName[]> = {
  account: COLLECTION_NAMES,
};

export function groupOf(_collection: CollectionName): GroupName {
  return 'account';
}

export type GroupContent = Partial<AccountContent>;
