/**
 * What each live collection accepts as a filter, and the documented list parameters it
 * becomes. A collection added later gets a live loader from one entry here (its filter
 * type, its parameters, whether other entries depend on its items), next to the mapping
 * and the client resource it already has.
 */
import type { CollectionName } from '../sync/account-data.js';
import type { QueryParamsOf } from '../sync/queries.js';
import type { VisibilityPolicy } from '../content/visibility.js';
import type {
  AccountData,
  AlbumData,
  BlogData,
  EventData,
  PhotoData,
  PlaylistData,
  StatusData,
  TrackData,
  VideoData,
} from '../loaders/schemas.js';

type OrderBy = NonNullable<QueryParamsOf['tracks']['orderBy']>;
type BlogOrderBy = NonNullable<QueryParamsOf['blog']['orderBy']>;
type Direction = NonNullable<QueryParamsOf['tracks']['direction']>;

/** Order and size of a query: the API's `order_by`, `direction` and `limit`. */
export interface LiveOrdering<O extends string = OrderBy> {
  orderBy?: O;
  direction?: Direction;
  /** At most this many entries (hidden items do not count against it). */
  limit?: number;
}

export interface TracksFilter extends LiveOrdering {
  /** Only the tracks of this playlist, in playlist order (`playlist_id`; the API then ignores order and limit). */
  playlistId?: number | string;
}
export type PlaylistsFilter = LiveOrdering;
export interface BlogFilter extends LiveOrdering<BlogOrderBy> {
  year?: number;
  month?: number;
  /** `published` (default) or `draft`; drafts are only ever shown with `drafts: true`. */
  status?: 'published' | 'draft';
}
export interface PhotosFilter extends LiveOrdering {
  /** Only the photos of this album (`album_id`; the API then ignores order and limit). */
  albumId?: number | string;
}
export type AlbumsFilter = LiveOrdering;
export interface EventsFilter extends LiveOrdering<NonNullable<QueryParamsOf['events']['orderBy']>> {
  /** Default true: played shows too, as a build has them (the API's own default is false). */
  includePast?: boolean;
  /** Default true. */
  includeUpcoming?: boolean;
}
export type VideosFilter = LiveOrdering<NonNullable<QueryParamsOf['videos']['orderBy']>>;
export type StatusesFilter = LiveOrdering<NonNullable<QueryParamsOf['statuses']['orderBy']>>;
/** The profile has no list parameters. */
export type AccountFilter = Record<string, never>;

export interface LiveFilters {
  tracks: TracksFilter;
  playlists: PlaylistsFilter;
  blog: BlogFilter;
  photos: PhotosFilter;
  albums: AlbumsFilter;
  events: EventsFilter;
  videos: VideosFilter;
  statuses: StatusesFilter;
  account: AccountFilter;
}

export interface LiveData {
  tracks: TrackData;
  playlists: PlaylistData;
  blog: BlogData;
  photos: PhotoData;
  albums: AlbumData;
  events: EventData;
  videos: VideoData;
  statuses: StatusData;
  account: AccountData;
}

export interface LiveCollectionSpec<C extends CollectionName> {
  /**
   * Other entries link to this collection's items or must not publish their media: kept
   * in the account cache (account-cache.ts), and an unfiltered load is answered from it.
   */
  context: boolean;
  /** The documented list parameters of a filter (`limit` is applied by the query itself). */
  params(filter: LiveFilters[C], policy: VisibilityPolicy): QueryParamsOf[C];
}

/** An id given as a number or a numeric string; anything else is no id at all. */
export function numericId(value: unknown): number | undefined {
  const id =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,15}$/.test(value.trim())
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** An id filter that is no id matches nothing: -1 makes the client's check refuse it with a clear message. */
const idParam = (value: number | string) => numericId(value) ?? -1;

function ordering<O extends string>({ orderBy, direction }: LiveOrdering<O>) {
  return { ...(orderBy !== undefined ? { orderBy } : {}), ...(direction !== undefined ? { direction } : {}) };
}

export const LIVE_COLLECTIONS: { [C in CollectionName]: LiveCollectionSpec<C> } = {
  tracks: {
    context: true,
    params: ({ playlistId, ...rest }) => ({
      ...ordering(rest),
      ...(playlistId !== undefined ? { playlistId: idParam(playlistId) } : {}),
    }),
  },
  playlists: { context: true, params: (filter) => ordering(filter) },
  blog: {
    context: false,
    // Sticky posts are not floated to the top: entries carry `sticky`, as they do from a build.
    params: ({ year, month, status, ...rest }, policy) => ({
      ...ordering(rest),
      status: status === 'draft' ? 0 : status === 'published' ? 1 : policy.drafts ? [0, 1] : 1,
      ignoreSticky: true,
      ...(year !== undefined ? { year } : {}),
      ...(month !== undefined ? { month } : {}),
    }),
  },
  photos: {
    context: true,
    params: ({ albumId, ...rest }) => ({
      ...ordering(rest),
      ...(albumId !== undefined ? { albumId: idParam(albumId) } : {}),
    }),
  },
  albums: { context: true, params: (filter) => ordering(filter) },
  events: {
    context: false,
    params: ({ includePast, includeUpcoming, ...rest }) => ({
      ...ordering(rest),
      includePast: includePast ?? true,
      includeUpcoming: includeUpcoming ?? true,
    }),
  },
  videos: { context: false, params: (filter) => ordering(filter) },
  statuses: { context: false, params: (filter) => ordering(filter) },
  account: { context: false, params: () => ({}) },
};

export const CONTEXT_COLLECTIONS = (Object.keys(LIVE_COLLECTIONS) as CollectionName[]).filter(
  (c) => LIVE_COLLECTIONS[c].context,
);
