/**
 * The raw material of a sync: the client's normalized objects (model.ts) plus the two
 * relations the list endpoints don't carry on the items themselves. This is also exactly
 * what a snapshot stores, so a build from a snapshot runs the same mapping as a live one.
 */
import type { Album, BlogEntry, Photo, Playlist, Track } from '../client/model.js';

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
}

export type CollectionName = keyof AccountContent;

export const COLLECTION_NAMES: readonly CollectionName[] = ['tracks', 'playlists', 'blog', 'photos', 'albums'];

/**
 * Collections that must be fetched together because entries of one carry links into the
 * other (track <-> playlist, photo <-> album). A loader syncs its whole group.
 */
export type GroupName = 'audio' | 'photo' | 'blog';

export const GROUPS: Record<GroupName, readonly CollectionName[]> = {
  audio: ['tracks', 'playlists'],
  photo: ['photos', 'albums'],
  blog: ['blog'],
};

export function groupOf(collection: CollectionName): GroupName {
  if (collection === 'tracks' || collection === 'playlists') return 'audio';
  if (collection === 'photos' || collection === 'albums') return 'photo';
  return 'blog';
}

export type GroupContent = Partial<AccountContent>;
