/**
 * Changes to a live DemoAccount the way StageBloc makes them, at a time the caller gives
 * (never the clock, so a test or the bench replays the same account). What each change
 * bumps is the contract incremental syncs rely on, so it lives here once:
 * - an edit, making private or public, publishing a draft: the item's own `modified`;
 * - a playlist's track order, and a photo moving between albums: the playlist's, or the
 *   photo's and both albums' `modified` (their member lists are theirs; audio-edit.ts
 *   bumps a playlist whose track list changes the same way);
 * - additions and deletions bump no container: a new photo lands in an album, a deleted
 *   track leaves its playlists, and only the containers' counts say so.
 */
import { formatWireDate } from './dates.js';
import { shortUrl } from './short-url.js';
import type {
  AlbumRecord,
  BlogRecord,
  DemoAccount,
  EventRecord,
  PhotoRecord,
  PlaylistRecord,
  TrackRecord,
} from './types.js';

export type AccountCollection = 'tracks' | 'playlists' | 'blog' | 'photos' | 'albums' | 'events';

type AnyRecord = TrackRecord | PlaylistRecord | BlogRecord | PhotoRecord | AlbumRecord | EventRecord;

function recordsOf(account: DemoAccount, collection: AccountCollection): AnyRecord[] {
  return account[collection] as AnyRecord[];
}

function find(account: DemoAccount, collection: AccountCollection, id: number): AnyRecord {
  const record = recordsOf(account, collection).find((r) => r.id === id);
  if (!record) throw new RangeError(`the account has no ${collection} item with id ${id}`);
  return record;
}

/**
 * The account's newest `modified` (ms): changes made later than this look like StageBloc's,
 * whose `modified` never goes back. (The demo's tour dates are modified around the
 * simulator's clock, later than the rest of the account.)
 */
export function newestModified(account: DemoAccount): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const collection of ['tracks', 'playlists', 'blog', 'photos', 'albums', 'events'] as const) {
    for (const record of recordsOf(account, collection)) {
      newest = Math.max(newest, Date.parse(`${String(record.modified).replace(' ', 'T')}Z`));
    }
  }
  return newest;
}

const nextId = (records: readonly { id: number }[]) => records.reduce((max, r) => Math.max(max, r.id), 0) + 1;

/** Retitles an item (the visible part of most edits) and bumps its `modified`. */
export function editItem(account: DemoAccount, collection: AccountCollection, id: number, atMs: number): void {
  const record = find(account, collection, id);
  record.title = `${record.title ?? 'Untitled'} (edited)`;
  record.modified = formatWireDate(atMs);
}

/** Removes an item. A deleted track leaves its playlists, a deleted album leaves its photos albumless. */
export function deleteItem(account: DemoAccount, collection: AccountCollection, id: number): void {
  const records = recordsOf(account, collection);
  const index = records.findIndex((r) => r.id === id);
  if (index < 0) throw new RangeError(`the account has no ${collection} item with id ${id}`);
  records.splice(index, 1);
  if (collection === 'tracks') {
    for (const playlist of account.playlists) playlist.track_ids = playlist.track_ids.filter((t) => t !== id);
  }
  if (collection === 'albums') {
    for (const photo of account.photos) if (photo.album_id === id) photo.album_id = null;
  }
}

export function setPrivate(
  account: DemoAccount,
  collection: AccountCollection,
  id: number,
  value: boolean,
  atMs: number,
): void {
  const record = find(account, collection, id);
  record.private = value;
  record.modified = formatWireDate(atMs);
}

/** A draft post goes live now. */
export function publishDraft(account: DemoAccount, id: number, atMs: number): void {
  const post = find(account, 'blog', id) as BlogRecord;
  const at = formatWireDate(atMs);
  post.status = 1;
  post.published = at;
  post.modified = at;
}

export function movePhoto(account: DemoAccount, photoId: number, albumId: number, atMs: number): void {
  const photo = find(account, 'photos', photoId) as PhotoRecord;
  find(account, 'albums', albumId);
  const at = formatWireDate(atMs);
  for (const album of account.albums) {
    if (album.id === albumId || album.id === photo.album_id) album.modified = at;
  }
  photo.album_id = albumId;
  photo.modified = at;
}

/** Puts the playlist's tracks in the given order (a permutation of its current track ids). */
export function reorderPlaylist(
  account: DemoAccount,
  playlistId: number,
  order: readonly number[],
  atMs: number,
): void {
  const playlist = find(account, 'playlists', playlistId) as PlaylistRecord;
  if ([...order].sort((a, b) => a - b).join() !== [...playlist.track_ids].sort((a, b) => a - b).join()) {
    throw new RangeError(`the new order of playlist ${playlistId} is not a permutation of its tracks`);
  }
  playlist.track_ids = [...order];
  playlist.modified = formatWireDate(atMs);
}

export interface NewItemOptions {
  /** Blog: a draft instead of a published post. */
  draft?: boolean;
  /** Photos: the album it is uploaded into. Tracks: a playlist it is added to (which counts as the playlist's edit). */
  parentId?: number;
}

/** Adds a new, public item created now; returns its id. */
export function addItem(
  account: DemoAccount,
  collection: AccountCollection,
  atMs: number,
  options: NewItemOptions = {},
): number {
  const at = formatWireDate(atMs);
  const id = nextId(recordsOf(account, collection));
  const common = { id, created: at, modified: at, exclusive: false };
  switch (collection) {
    case 'tracks': {
      const track: TrackRecord = {
        ...common,
        title: `New track ${id}`,
        artist: null,
        raw_url: null,
        embed_url: null,
        short_url: shortUrl('a', id),
        description: null,
        length: 180,
        private: false,
        download_details: null,
      };
      account.tracks.push(track);
      if (options.parentId !== undefined) {
        const playlist = find(account, 'playlists', options.parentId) as PlaylistRecord;
        playlist.track_ids.push(id);
        playlist.modified = at;
      }
      return id;
    }
    case 'playlists':
      account.playlists.push({
        ...common,
        title: `New playlist ${id}`,
        description: null,
        short_url: shortUrl('ap', id),
        private: false,
        download_details: null,
        images: [],
        track_ids: [],
      });
      return id;
    case 'blog': {
      const post: BlogRecord = {
        ...common,
        title: `New post ${id}`,
        body: `<p>News number ${id}.</p>`,
        status: options.draft ? 0 : 1,
        short_url: shortUrl('b', id),
        published: options.draft ? null : at,
        sticky: false,
        author: null,
      };
      account.blog.push(post);
      return id;
    }
    case 'photos':
      if (options.parentId !== undefined) find(account, 'albums', options.parentId);
      account.photos.push({
        ...common,
        title: `New photo ${id}`,
        description: null,
        images: [],
        location: null,
        album_id: options.parentId ?? null,
      });
      return id;
    case 'albums':
      account.albums.push({
        ...common,
        title: `New album ${id}`,
        short_url: shortUrl('pa', id),
        description: null,
        private: false,
        images: [],
        location: null,
      });
      return id;
    case 'events': {
      // A date announced now, a month ahead: tours are announced before they happen.
      const start = formatWireDate(atMs + 30 * 24 * 3_600_000);
      const event: EventRecord = {
        id,
        title: `New date ${id}`,
        minimum_age: null,
        buy_link: null,
        created: at,
        modified: at,
        start_date: start,
        end_date: null,
        description: null,
        price: null,
        currency: null,
        url: null,
        short_url: shortUrl('e', id),
        images: [],
        location: null,
        collaborators: [],
      };
      account.events.push(event);
      return id;
    }
  }
}
