/**
 * Queries beyond a full walk, for pages rendered on request (live collections): one
 * collection's items for the documented list parameters, or one item by `id`. Items come
 * back as the records a sync stores (playlists with track ids, albums with photo ids), so
 * the same mapping turns them into entries.
 */
import {
  createClient,
  StageBlocApiError,
  StageBlocParseError,
  type AlbumListParams,
  type BlogListParams,
  type EventListParams,
  type StatusListParams,
  type VideoListParams,
  type PhotoListParams,
  type PlaylistListParams,
  type StageBlocClient,
  type StageBlocClientOptions,
  type TrackListParams,
} from '../client/index.js';
import type { ListPage } from '../client/model.js';
import type { AccountContent, CollectionName } from './account-data.js';
import { accountProfileOf } from './final-api-sources.js';
import { apiSource, type ApiSourceOptions, type ContentSource } from './sources.js';

/** The client's list parameters of each collection (the documented query parameters). */
export interface QueryParamsOf {
  tracks: TrackListParams;
  playlists: PlaylistListParams;
  blog: BlogListParams;
  photos: PhotoListParams;
  albums: AlbumListParams;
  events: EventListParams;
  videos: VideoListParams;
  statuses: StatusListParams;
  /** `/accounts/list` takes none. */
  account: Record<string, never>;
}

export type StoredItem<C extends CollectionName> = AccountContent[C][number];

export interface CollectionQueries {
  /**
   * Items in the API's order. With `limit`, pages of that size are read until `limit` items
   * pass `keep` (hidden items do not count) or the list ends: one request when none is hidden.
   * `related` supplies what list items lack (a playlist's track ids, an album's photo ids).
   */
  items<C extends CollectionName>(
    collection: C,
    params: QueryParamsOf[C],
    options: { limit?: number; keep: (item: StoredItem<C>) => boolean; related: Partial<AccountContent> },
  ): Promise<StoredItem<C>[]>;
  /** The item with this id (the documented `id` parameter), or undefined. */
  byId<C extends CollectionName>(
    collection: C,
    id: number,
    related: Partial<AccountContent>,
  ): Promise<StoredItem<C> | undefined>;
}

interface Resource {
  list(params: object): Promise<ListPage<{ id: number }>>;
  all(params: object): AsyncIterable<{ id: number }>;
}

export function collectionQueries(client: StageBlocClient): CollectionQueries {
  // One line per collection: the client resource that answers its list parameters.
  const resources: Record<CollectionName, Resource> = {
    tracks: {
      list: (p) => client.tracks.list(p as TrackListParams),
      all: (p) => client.tracks.all(p as TrackListParams),
    },
    playlists: {
      // include_tracks gives the track order in the same answer; when it cannot be read (the docs
      // never show it), the documented list does, with the order from the cached account.
      list: (p) =>
        client.playlists.list({ ...(p as PlaylistListParams), includeTracks: true }).catch((error: unknown) => {
          if (error instanceof StageBlocParseError) return client.playlists.list(p as PlaylistListParams);
          throw error;
        }),
      all: (p) => client.playlists.all({ ...(p as PlaylistListParams), includeTracks: true }),
    },
    blog: { list: (p) => client.blog.list(p as BlogListParams), all: (p) => client.blog.all(p as BlogListParams) },
    photos: {
      list: (p) => client.photos.list(p as PhotoListParams),
      all: (p) => client.photos.all(p as PhotoListParams),
    },
    albums: {
      list: (p) => client.albums.list(p as AlbumListParams),
      all: (p) => client.albums.all(p as AlbumListParams),
    },
    events: {
      list: (p) => client.events.list(p as EventListParams),
      all: (p) => client.events.all(p as EventListParams),
    },
    videos: {
      list: (p) => client.videos.list(p as VideoListParams),
      all: (p) => client.videos.all(p as VideoListParams),
    },
    statuses: {
      list: (p) => client.statuses.list(p as StatusListParams),
      all: (p) => client.statuses.all(p as StatusListParams),
    },
    // The profile is one item, chosen as a sync chooses it (see final-api-sources.ts).
    account: {
      list: async () => {
        const profile = await accountProfileOf(client);
        return { total: profile ? 1 : 0, items: profile ? [profile] : [] };
      },
      all: async function* () {
        const profile = await accountProfileOf(client);
        if (profile) yield profile;
      },
    },
  };

  return {
    async items(collection, params, { limit, keep, related }) {
      const resource = resources[collection];
      const out: StoredItem<typeof collection>[] = [];
      const add = (raw: { id: number }) => {
        const item = recordOf(collection, raw, related);
        if (keep(item)) out.push(item);
        return limit !== undefined && out.length >= limit;
      };
      const p = params as { id?: number; playlistId?: number; albumId?: number };
      if (p.id !== undefined || p.playlistId !== undefined || p.albumId !== undefined) {
        // An id-like parameter makes the API ignore limit and offset: its one answer is the whole list.
        for (const raw of (await unlessUnknown(resource.list(params)))?.items ?? []) if (add(raw)) break;
        return out;
      }
      if (limit === undefined) {
        // Everything: the client's walk (pages requested ahead, within its concurrency bound).
        for await (const raw of resource.all(params)) add(raw);
        return out;
      }
      for (let offset = 0; ; ) {
        const page = await resource.list({ ...params, limit, offset });
        for (const raw of page.items) if (add(raw)) return out;
        offset += page.items.length;
        if (page.items.length === 0 || offset >= page.total) return out;
      }
    },
    async byId(collection, id, related) {
      const page = await unlessUnknown(resources[collection].list({ id }));
      const raw = page?.items.find((item) => item.id === id);
      return raw ? recordOf(collection, raw, related) : undefined;
    },
  };
}

/** The API answers an unknown `id`, `playlist_id` or `album_id` with 404: nothing there, not a failure. */
async function unlessUnknown<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof StageBlocApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * A listed item as the record a sync stores. Playlists carry their tracks when the server
 * honours include_tracks; otherwise, like an album's photo ids (no list endpoint carries
 * those), the ids come from `related`, the account content a sync fetched.
 */
function recordOf<C extends CollectionName>(
  collection: C,
  item: { id: number },
  related: Partial<AccountContent>,
): StoredItem<C> {
  if (collection === 'playlists') {
    const { tracks, ...playlist } = item as { id: number; tracks?: Array<{ id: number }> };
    const trackIds = tracks?.map((t) => t.id) ?? related.playlists?.find((p) => p.id === item.id)?.trackIds ?? [];
    return { ...playlist, trackIds } as unknown as StoredItem<C>;
  }
  if (collection === 'albums') {
    const photoIds = related.albums?.find((a) => a.id === item.id)?.photoIds ?? [];
    return { ...item, photoIds } as unknown as StoredItem<C>;
  }
  return item as StoredItem<C>;
}

/** One client for both: the account's cheap checks and full walks, and queries. */
export function connectQueries(
  client: StageBlocClientOptions,
  options: ApiSourceOptions,
): { source: ContentSource; queries: CollectionQueries } {
  const connected = createClient(client);
  return { source: apiSource(connected, options), queries: collectionQueries(connected) };
}
