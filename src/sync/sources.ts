/**
 * Where a sync gets its content: the live API (through the client's public API only) or
 * a snapshot directory. Both answer the same two questions: a cheap "has anything
 * changed?" fingerprint per collection, and the full content of some collections.
 */
import {
  ENDPOINTS,
  StageBlocParseError,
  createClient,
  type StageBlocClient,
  type StageBlocClientOptions,
} from '../client/index.js';
import type {
  Account,
  Album,
  BlogEntry,
  Event,
  ListPage,
  Photo,
  Playlist,
  Status,
  Track,
  Video,
} from '../client/model.js';
import type { AccountContent, CollectionName, GroupContent } from './account-data.js';
import { apiHeads, type HeadSource } from './head-source.js';
import { albumRecord, playlistRecord } from './relations.js';
import {
  FINAL_API_SOURCES,
  isFinalApiCollection,
  type FinalApiCollection,
  type FinalApiWalk,
} from './final-api-sources.js';
import { CHECK_LIMIT, fingerprintOf } from './fingerprint.js';
import { readSnapshotCollection } from './snapshot-format.js';

export { CHECK_LIMIT, fingerprintOf };

export type Fingerprints = Partial<Record<CollectionName, string>>;

export interface CheckResult {
  fingerprints: Fingerprints;
  /** Item counts from the check, for progress messages. */
  totals: Partial<Record<CollectionName, number>>;
}

export type FetchProgress = (collection: CollectionName, fetched: number, total: number | undefined) => void;

/** Sees each item as it arrives, before the walk is over (for work that can start early). */
export type ItemObserver = (collection: CollectionName, item: FetchedItem) => void;

export type FetchedItem = Track | Playlist | BlogEntry | Photo | Album | Event | Video | Status | Account;

export interface FetchHooks {
  progress: FetchProgress;
  /** Totals from the check, for progress messages. */
  totals?: CheckResult['totals'];
  onItem?: ItemObserver;
  /** A collection's walk is over: every item of it, relations read (not called for content brought up to date from a stored copy). */
  onWalked?: (collection: CollectionName, items: readonly FetchedItem[]) => void;
  /** Something optional could not be read and was got another way. */
  warn?: (message: string) => void;
}

/** Sees each collection's fingerprint as soon as its check answers. */
export type CheckObserver = (collection: CollectionName, fingerprint: string) => void;

export interface ContentSource {
  /** One request (or file read) per collection; `onChecked` sees each one's fingerprint as it comes. */
  check(collections: readonly CollectionName[], onChecked?: CheckObserver): Promise<CheckResult>;
  fetch(collections: readonly CollectionName[], hooks: FetchHooks): Promise<GroupContent>;
  /** Reads only what changed since the last sync (a live API); absent, every sync walks in full. */
  heads?: HeadSource;
  /** Requests handed to the network so far (StageBlocClient.requestsStarted), for a source that sends any. */
  requestsStarted?: () => number;
}

const NEWEST_FIRST = { orderBy: 'modified', direction: 'DESC', limit: CHECK_LIMIT } as const;
/** Head pages have the size of the walk's pages (the client's default when none is set). */
const HEAD_PAGE_SIZE = 50;

export interface ApiSourceOptions {
  /** Also fetch blog drafts (only when a site will publish them: fewer bytes, and draft edits then need no sync). */
  drafts: boolean;
  pageSize?: number;
}

export function apiSource(client: StageBlocClient, options: ApiSourceOptions): ContentSource {
  const blogStatus = options.drafts ? ([0, 1] as const) : 1;
  const paging = options.pageSize ? { pageSize: options.pageSize } : {};

  async function checkOne(collection: CollectionName): Promise<{ fingerprint: string; total: number }> {
    if (isFinalApiCollection(collection)) return FINAL_API_SOURCES[collection].check(finalApiWalk(undefined));
    const page = await checkFirstFive(collection);
    return { fingerprint: fingerprintOf(page), total: page.total };
  }

  async function checkFirstFive(
    collection: Exclude<CollectionName, FinalApiCollection>,
  ): Promise<ListPage<{ id: number; modified: Date }>> {
    switch (collection) {
      case 'tracks':
        return client.tracks.list(NEWEST_FIRST);
      case 'playlists':
        return client.playlists.list(NEWEST_FIRST);
      case 'blog':
        return client.blog.list({ ...NEWEST_FIRST, status: blogStatus, ignoreSticky: true });
      case 'photos':
        return client.photos.list(NEWEST_FIRST);
      case 'albums':
        return client.albums.list(NEWEST_FIRST);
    }
  }

  async function collect<T extends FetchedItem>(
    collection: CollectionName,
    items: AsyncIterable<T> | Iterable<T>,
    hooks: FetchHooks,
  ): Promise<T[]> {
    const out: T[] = [];
    const total = hooks.totals?.[collection];
    for await (const item of items) {
      out.push(item);
      hooks.onItem?.(collection, item);
      if (out.length % 100 === 0) hooks.progress(collection, out.length, total);
    }
    hooks.progress(collection, out.length, total);
    return out;
  }

  /**
   * Playlists with their tracks. include_tracks gives every playlist's track order in the
   * same pages: one walk instead of one /audio/list?playlist_id= request per playlist. The
   * docs never show how it answers, so when those pages cannot be read, the documented
   * per-playlist call gives the same data.
   */
  async function playlistsWithTracks(hooks: FetchHooks): Promise<Playlist[]> {
    try {
      return await collect('playlists', client.playlists.all({ ...paging, includeTracks: true }), hooks);
    } catch (error) {
      if (!(error instanceof StageBlocParseError)) throw error;
      hooks.warn?.(
        `playlists: could not read ${ENDPOINTS.playlists}?include_tracks=1 (${error.message}); ` +
          `reading each playlist's tracks from ${ENDPOINTS.tracks}?playlist_id= instead`,
      );
      // Without include_tracks the pages are the documented ones; an error now is a real one.
      return collect('playlists', client.playlists.all(paging), hooks);
    }
  }

  // The last check's /accounts/list, until a walk takes it (see FinalApiWalk.accounts).
  let checkedAccounts: Promise<ListPage<Account>> | undefined;
  const accounts = (use: 'check' | 'fetch'): Promise<ListPage<Account>> => {
    if (use === 'check') return (checkedAccounts = client.accounts.list());
    const answer = checkedAccounts ?? client.accounts.list();
    checkedAccounts = undefined;
    return answer;
  };

  /** What a final-docs collection's row needs of this source (see final-api-sources.ts). */
  function finalApiWalk(hooks: FetchHooks | undefined): FinalApiWalk {
    return {
      client,
      paging,
      accounts,
      collect: (collection, items) => collect(collection, items, hooks ?? { progress: () => undefined }),
      ...(hooks?.warn ? { warn: hooks.warn } : {}),
    };
  }

  async function fetchOne(collection: CollectionName, hooks: FetchHooks): Promise<Partial<AccountContent>> {
    if (isFinalApiCollection(collection)) return FINAL_API_SOURCES[collection].fetch(finalApiWalk(hooks));
    switch (collection) {
      case 'tracks':
        return { tracks: await collect(collection, client.tracks.all(paging), hooks) };
      case 'blog':
        return {
          blog: await collect(
            collection,
            client.blog.all({ ...paging, status: blogStatus, ignoreSticky: true }),
            hooks,
          ),
        };
      case 'photos':
        return { photos: await collect(collection, client.photos.all(paging), hooks) };
      case 'playlists': {
        const playlists = await playlistsWithTracks(hooks);
        return { playlists: await Promise.all(playlists.map((playlist) => playlistRecord(client, playlist))) };
      }
      case 'albums': {
        const albums = await collect(collection, client.albums.all(paging), hooks);
        return { albums: await Promise.all(albums.map((album) => albumRecord(client, album))) };
      }
    }
  }

  return {
    heads: apiHeads(client, { blogStatus, pageSize: options.pageSize ?? HEAD_PAGE_SIZE }),
    requestsStarted: () => client.requestsStarted(),
    async check(collections, onChecked) {
      const pages = await Promise.all(
        collections.map(async (c) => {
          const checked = await checkOne(c);
          onChecked?.(c, checked.fingerprint);
          return [c, checked] as const;
        }),
      );
      const result: CheckResult = { fingerprints: {}, totals: {} };
      for (const [collection, { fingerprint, total }] of pages) {
        result.fingerprints[collection] = fingerprint;
        result.totals[collection] = total;
      }
      return result;
    },
    async fetch(collections, hooks) {
      const parts = await Promise.all(
        collections.map(async (c) => {
          const part = await fetchOne(c, hooks);
          const items = part[c];
          if (items) hooks.onWalked?.(c, items);
          return part;
        }),
      );
      return Object.assign({}, ...parts) as GroupContent;
    },
  };
}

/** The live API as a content source, with a client of its own made from `client`. */
export function connectApiSource(client: StageBlocClientOptions, options: ApiSourceOptions): ContentSource {
  return apiSource(createClient(client), options);
}

/** Offline: reads a `stagebloc snapshot` directory; the "check" is the files' own fingerprints. */
export function snapshotSource(dir: string): ContentSource {
  async function read(collection: CollectionName) {
    const file = await readSnapshotCollection(dir, collection);
    if (!file) {
      throw new Error(
        `The snapshot directory ${dir} has no ${collection}.json (write it with \`stagebloc snapshot <dir>\`)`,
      );
    }
    return file;
  }
  return {
    async check(collections) {
      const result: CheckResult = { fingerprints: {}, totals: {} };
      for (const collection of collections) {
        const file = await read(collection);
        result.fingerprints[collection] =
          `snapshot|${file.fetchedAt.toISOString()}|${file.fingerprint ?? ''}|${file.items.length}`;
        result.totals[collection] = file.items.length;
      }
      return result;
    },
    async fetch(collections, { progress }) {
      const out: GroupContent = {};
      for (const collection of collections) {
        const file = await read(collection);
        (out as Record<string, unknown>)[collection] = file.items;
        progress(collection, file.items.length, file.items.length);
      }
      return out;
    },
  };
}
