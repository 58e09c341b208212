/**
 * What an entry's mapping reads from the rest of the account, so a rebuild can tell which
 * entries a change to another item reaches. Besides its own item and the sync's settings,
 * an entry reads its links to other collections (linksOf) and whether the media URLs its
 * HTML links to are blocked (media of hidden or locked items anywhere in the account:
 * blockedMediaUrls). Two mappings of the same item with equal inputs give the same entry.
 *
 * Media lookups are not inputs here: an image's size or a file's local copy is keyed by its
 * URL and does not change once known (the loader maps again what was published unmeasured).
 */
import type { AccountContent, CollectionName } from '../sync/account-data.js';
import { MEDIA_COLLECTIONS, blockedMediaUrls, linksOf, sharedUseOf, type ContentItem } from './entries.js';
import type { VisibilityPolicy } from './visibility.js';

export interface EntryInputs {
  /** The media URLs the account blocks. */
  blockedUrls: ReadonlySet<string>;
  /** The item's links to other collections, as one string. */
  links(item: { id: number }): string;
  /** Which of the URLs an entry's HTML links to (MappedEntry.htmlUrls) are blocked now, as one string. */
  blocked(htmlUrls: readonly string[]): string;
}

/**
 * `blocked`: the media URLs the account blocks, when `content` is not the whole account (a
 * rebuild that maps only changed items; their links must still be in `content`).
 */
export function entryInputs(
  collection: CollectionName,
  content: Partial<AccountContent>,
  policy: VisibilityPolicy,
  blocked: ReadonlySet<string> = blockedMediaUrls(content, policy),
): EntryInputs {
  const links = linksOf(collection, content, policy);
  return {
    blockedUrls: blocked,
    links: (item) => JSON.stringify(links(item)),
    blocked: (htmlUrls) =>
      htmlUrls.length === 0 ? '[]' : JSON.stringify([...new Set(htmlUrls.filter((url) => blocked.has(url)))].sort()),
  };
}

/** The collections each collection's entry links read (linksOf). */
export const LINKS_READ: Record<CollectionName, readonly CollectionName[]> = {
  tracks: ['playlists'],
  playlists: ['tracks'],
  photos: ['albums'],
  albums: ['photos'],
  blog: [],
  events: [],
  videos: [],
  statuses: [],
  account: [],
};

/** Containers: their member lists are other entries' links (a track's playlists, a photo's album). */
const CONTAINERS: readonly CollectionName[] = ['playlists', 'albums'];

/**
 * Whether changing an item from `before` (undefined: a new item) to `after` may change an
 * entry other than its own: another entry's links, or the media URLs the account blocks
 * (`blocked`, as they are before the change).
 */
export function reachesOtherEntries(
  collection: CollectionName,
  before: ContentItem | undefined,
  after: ContentItem,
  policy: VisibilityPolicy,
  blocked: ReadonlySet<string>,
): boolean {
  if (CONTAINERS.includes(collection)) return true;
  // Posts and statuses: no entry links to them, and they have no media of their own.
  if (!(MEDIA_COLLECTIONS as readonly CollectionName[]).includes(collection)) return false;
  const now = sharedUseOf(after, policy);
  if (before) return JSON.stringify(sharedUseOf(before, policy)) !== JSON.stringify(now);
  // A new item without media changes no blocked URL; one that publishes all of its media,
  // none of it blocked now, blocks nothing and unblocks nothing.
  if (now.media.length === 0) return false;
  return !(now.visibility === 'public' && now.media.every((url) => now.published.includes(url) && !blocked.has(url)));
}
