/**
 * The /list endpoints over a live DemoAccount: overrides, ordering, paging, blog filters
 * and events' past/upcoming filters as documented. Returns wire records; the HTTP layer
 * serializes them.
 */
import type { WireRecord } from '../wire/serialize.js';
import { ApiError } from './api-error.js';
import { isSet } from './flags.js';
import { BadParameterError, parseListQuery, type ListSpec, type PageQuery } from './list-params.js';
import type { SortableRecord, SortedViews } from './sorted-views.js';
import { parseUtc } from './record-parts.js';
import type { AlbumRecord, BlogRecord, DemoAccount, EventRecord, PhotoRecord, TrackRecord } from './types.js';
import {
  accountToWire,
  albumToWire,
  blogToWire,
  eventToWire,
  photoToWire,
  playlistToWire,
  playlistTracks,
  statusToWire,
  trackToWire,
  videoToWire,
} from './wire-records.js';

export interface ListResult {
  total: number;
  items: WireRecord[];
}

export interface ListContext {
  account: DemoAccount;
  views: SortedViews;
  /** Largest limit honoured; larger ones are capped silently. */
  pageSizeCap: number | undefined;
  /** The simulator's clock (ms): which events have occurred. */
  now: () => number;
}

type ListHandler = (query: Readonly<Record<string, string>>, ctx: ListContext) => ListResult;

const COMMON_ORDER = ['created', 'modified', 'title'] as const;

const SPECS = {
  tracks: { orderBy: COMMON_ORDER, defaultOrderBy: 'created', parentParam: 'playlist_id' },
  playlists: { orderBy: COMMON_ORDER, defaultOrderBy: 'created', includeTracks: true },
  blog: { orderBy: ['published', 'created', 'modified', 'title'], defaultOrderBy: 'published', blogFilters: true },
  photos: { orderBy: COMMON_ORDER, defaultOrderBy: 'created', parentParam: 'album_id' },
  albums: { orderBy: COMMON_ORDER, defaultOrderBy: 'created' },
  events: {
    orderBy: ['created', 'modified', 'startDateTime'],
    defaultOrderBy: 'startDateTime',
    sortKeys: { startDateTime: 'start_date' },
    defaultDirection: 'ASC',
    eventFilters: true,
  },
  videos: { orderBy: ['created', 'title'], defaultOrderBy: 'created' },
  statuses: { orderBy: ['published'], defaultOrderBy: 'published' },
} satisfies Record<string, ListSpec>;

export const LIST_ENDPOINTS: Readonly<Record<string, ListHandler>> = {
  '/audio/list': (raw, { account, views, pageSizeCap }) => {
    const query = parse(raw, SPECS.tracks);
    if (query.kind === 'id')
      return one(
        account.tracks.find((t) => t.id === query.id),
        trackToWire,
        `No audio with an id of ${query.id} was found.`,
      );
    if (query.kind === 'parent') {
      const playlist = account.playlists.find((p) => p.id === query.id);
      if (!playlist) throw new ApiError(404, `No audio playlist with an id of ${query.id} was found.`);
      const tracks = playlistTracks(playlist, indexById(account.tracks));
      return { total: tracks.length, items: tracks.map(trackToWire) };
    }
    return page(views.ascending(account.tracks, query.orderBy), query, pageSizeCap, trackToWire);
  },

  '/audio/playlists/list': (raw, { account, views, pageSizeCap }) => {
    const query = parse(raw, SPECS.playlists);
    const tracksById = indexById(account.tracks);
    if (query.kind === 'id') {
      // The override ignores include_tracks too, as the docs say of every other parameter.
      const playlist = account.playlists.find((p) => p.id === query.id);
      return one(
        playlist,
        (p) => playlistToWire(p, tracksById, false),
        `No audio playlist with an id of ${query.id} was found.`,
      );
    }
    if (query.kind === 'parent') throw new Error('unreachable: playlists have no parent filter');
    return page(views.ascending(account.playlists, query.orderBy), query, pageSizeCap, (p) =>
      playlistToWire(p, tracksById, query.includeTracks),
    );
  },

  '/blog/list': (raw, { account, views, pageSizeCap }) => {
    const query = parse(raw, SPECS.blog);
    if (query.kind === 'id')
      return one(
        account.blog.find((b) => b.id === query.id),
        blogToWire,
        `No blog entry with an id of ${query.id} was found.`,
      );
    if (query.kind === 'parent') throw new Error('unreachable: the blog has no parent filter');
    const ordered = filterBlog(views.ascending(account.blog, query.orderBy), query);
    return page(ordered, { ...query, direction: 'ASC' }, pageSizeCap, blogToWire);
  },

  '/photos/list': (raw, { account, views, pageSizeCap }) => {
    const query = parse(raw, SPECS.photos);
    if (query.kind === 'id')
      return one(
        account.photos.find((p) => p.id === query.id),
        photoToWire,
        `No photo with an id of ${query.id} was found.`,
      );
    if (query.kind === 'parent') {
      if (!account.albums.some((a) => a.id === query.id))
        throw new ApiError(404, `No photo album with an id of ${query.id} was found.`);
      // An album's photos come in album order: oldest first.
      const photos = views.ascending(account.photos, 'created').filter((p: PhotoRecord) => p.album_id === query.id);
      return { total: photos.length, items: photos.map(photoToWire) };
    }
    return page(views.ascending(account.photos, query.orderBy), query, pageSizeCap, photoToWire);
  },

  '/photos/albums/list': (raw, { account, views, pageSizeCap }) => {
    const query = parse(raw, SPECS.albums);
    const counts = new Map<number, number>();
    for (const photo of account.photos) {
      if (photo.album_id !== null && photo.album_id !== undefined)
        counts.set(photo.album_id, (counts.get(photo.album_id) ?? 0) + 1);
    }
    const toWire = (album: AlbumRecord) => albumToWire(album, counts.get(album.id) ?? 0);
    if (query.kind === 'id')
      return one(
        account.albums.find((a) => a.id === query.id),
        toWire,
        `No photo album with an id of ${query.id} was found.`,
      );
    if (query.kind === 'parent') throw new Error('unreachable: albums have no parent filter');
    return page(views.ascending(account.albums, query.orderBy), query, pageSizeCap, toWire);
  },

  '/events/list': (raw, { account, views, pageSizeCap, now }) => {
    const query = parse(raw, SPECS.events);
    if (query.kind === 'id')
      return one(
        account.events.find((e) => e.id === query.id),
        eventToWire,
        `No event with an id of ${query.id} was found.`,
      );
    if (query.kind === 'parent') throw new Error('unreachable: events have no parent filter');
    const clock = now();
    const shown = views.ascending(account.events, query.orderBy).filter((event) => {
      const past = hasOccurred(event, clock);
      return past ? query.includePast : query.includeUpcoming;
    });
    return page(shown, query, pageSizeCap, eventToWire);
  },

  '/videos/list': orderedList(SPECS.videos, (account) => account.videos, videoToWire, 'video'),

  '/statuses/list': orderedList(SPECS.statuses, (account) => account.statuses, statusToWire, 'status'),

  // "No parameters are required": none are read, and the whole list is one answer.
  '/accounts/list': (_raw, { account }) => ({
    total: account.accounts.length,
    items: account.accounts.map(accountToWire),
  }),
};

/** An event has occurred once it has ended (or started, when it has no end). */
function hasOccurred(event: EventRecord, now: number): boolean {
  return parseUtc(event.end_date ?? event.start_date) < now;
}

function parse(raw: Readonly<Record<string, string>>, spec: ListSpec) {
  try {
    return parseListQuery(raw, spec);
  } catch (error) {
    if (error instanceof BadParameterError) throw new ApiError(400, error.message);
    throw error;
  }
}

/** A list with no parent and no filter: one item by id, or a page in the order asked for. */
function orderedList<R extends SortableRecord>(
  spec: ListSpec,
  recordsOf: (account: DemoAccount) => readonly R[],
  toWire: (record: R) => WireRecord,
  noun: string,
): ListHandler {
  return (raw, { account, views, pageSizeCap }) => {
    const query = parse(raw, spec);
    const records = recordsOf(account);
    if (query.kind === 'id')
      return one(
        records.find((record) => record.id === query.id),
        toWire,
        `No ${noun} with an id of ${query.id} was found.`,
      );
    if (query.kind === 'parent') throw new Error(`unreachable: a ${noun} list has no parent filter`);
    return page(views.ascending(records, query.orderBy), query, pageSizeCap, toWire);
  };
}

function one<T>(record: T | undefined, toWire: (record: T) => WireRecord, notFound: string): ListResult {
  if (record === undefined) throw new ApiError(404, notFound);
  return { total: 1, items: [toWire(record)] };
}

function indexById(tracks: readonly TrackRecord[]): Map<number, TrackRecord> {
  const byId = new Map<number, TrackRecord>();
  for (const track of tracks) byId.set(track.id, track);
  return byId;
}

/** One page of `ascending` in the requested direction. */
function page<T>(
  ascending: readonly T[],
  query: PageQuery,
  cap: number | undefined,
  toWire: (record: T) => WireRecord,
): ListResult {
  const total = ascending.length;
  const limit = cap !== undefined ? Math.min(query.limit, cap) : query.limit;
  const end = Math.min(total, query.offset + limit);
  const items: WireRecord[] = [];
  for (let i = query.offset; i < end; i++) {
    items.push(toWire(ascending[query.direction === 'ASC' ? i : total - 1 - i] as T));
  }
  return { total, items };
}

/** Blog status/year/month filters in the requested direction, sticky posts first unless ignore_sticky. */
function filterBlog(ascending: readonly BlogRecord[], query: PageQuery): BlogRecord[] {
  const sticky: BlogRecord[] = [];
  const rest: BlogRecord[] = [];
  const n = ascending.length;
  for (let i = 0; i < n; i++) {
    const post = ascending[query.direction === 'ASC' ? i : n - 1 - i] as BlogRecord;
    if (!query.statuses.has(Number(post.status))) continue;
    if (query.year !== null || query.month !== null) {
      const published = post.published;
      if (!published) continue;
      if (query.year !== null && Number(published.slice(0, 4)) !== query.year) continue;
      if (query.month !== null && Number(published.slice(5, 7)) !== query.month) continue;
    }
    (!query.ignoreSticky && isSet(post.sticky) ? sticky : rest).push(post);
  }
  return sticky.length === 0 ? rest : sticky.concat(rest);
}
