/**
 * Reading a collection's changed head from the live API (see head-walk.ts): which
 * collections can be read newest-modified first, and their head pages, with the relations
 * of the playlists and albums in the head read again exactly (a playlist's track order, an
 * album's photos). A collection missing here (an endpoint whose `order_by` has no
 * `modified`: statuses, videos; the profile, which has no list) is always walked in full.
 */
import { StageBlocParseError, type StageBlocClient } from '../client/index.js';
import type { BlogStatus } from '../client/endpoints.js';
import type { CollectionName } from './account-data.js';
import { walkHead, type HeadWalk, type ReadHeadPage } from './head-walk.js';
import { albumRecord, playlistRecord } from './relations.js';
import type { FetchedItem } from './sources.js';

export interface HeadSource {
  supports(collection: CollectionName): boolean;
  /**
   * Everything in `collection` modified since `watermark` (items as a full walk stores them);
   * `onItem` sees each item of the head as it arrives. The first page is asked for before
   * the watermark is known; without one (undefined), the walk ends there and says 'full'.
   */
  walk(
    collection: CollectionName,
    watermark: Date | Promise<Date | undefined>,
    onItem: (item: DatedItem) => void,
  ): Promise<HeadWalk<{ id: number; modified: Date }>>;
}

const NEWEST_FIRST = { orderBy: 'modified', direction: 'DESC' } as const;

/** Items with a `modified` date (statuses and the profile have none). */
type DatedItem = Extract<FetchedItem, { modified: Date }>;

export function apiHeads(
  client: StageBlocClient,
  options: { blogStatus: BlogStatus | readonly BlogStatus[]; pageSize: number },
): HeadSource {
  const readers: Partial<Record<CollectionName, ReadHeadPage<DatedItem>>> = {
    tracks: (offset, limit) => client.tracks.list({ ...NEWEST_FIRST, offset, limit }),
    // include_tracks gives the head playlists' track order in the same pages.
    playlists: (offset, limit) => client.playlists.list({ ...NEWEST_FIRST, includeTracks: true, offset, limit }),
    blog: (offset, limit) =>
      client.blog.list({ ...NEWEST_FIRST, status: options.blogStatus, ignoreSticky: true, offset, limit }),
    photos: (offset, limit) => client.photos.list({ ...NEWEST_FIRST, offset, limit }),
    albums: (offset, limit) => client.albums.list({ ...NEWEST_FIRST, offset, limit }),
    // Past dates too: the sync keeps the whole tour (the API lists only upcoming ones by default).
    events: (offset, limit) =>
      client.events.list({ ...NEWEST_FIRST, includePast: true, includeUpcoming: true, offset, limit }),
  };

  async function withRelations(
    collection: CollectionName,
    items: DatedItem[],
  ): Promise<Array<{ id: number; modified: Date }>> {
    if (collection === 'playlists')
      return Promise.all(items.map((item) => playlistRecord(client, item as Parameters<typeof playlistRecord>[1])));
    if (collection === 'albums')
      return Promise.all(items.map((item) => albumRecord(client, item as Parameters<typeof albumRecord>[1])));
    return items;
  }

  return {
    supports: (collection) => readers[collection] !== undefined,
    async walk(collection, watermark, onItem) {
      const read = readers[collection];
      if (!read) return { kind: 'full', reason: `its list cannot be read newest-modified first` };
      let walked: HeadWalk<DatedItem>;
      try {
        walked = await walkHead(read, { watermark, pageSize: options.pageSize });
      } catch (error) {
        // The full walk knows how to read playlists without include_tracks (and says so once).
        if (collection === 'playlists' && error instanceof StageBlocParseError)
          return { kind: 'full', reason: 'its pages with include_tracks could not be read' };
        throw error;
      }
      if (walked.kind === 'full') return walked;
      for (const item of walked.items) onItem(item);
      return { ...walked, items: await withRelations(collection, walked.items) };
    },
  };
}
