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
import { blockedMediaUrls, linksOf } from './entries.js';
import type { VisibilityPolicy } from './visibility.js';

export interface EntryInputs {
  /** The item's links to other collections, as one string. */
  links(item: { id: number }): string;
  /** Which of the URLs an entry's HTML links to (MappedEntry.htmlUrls) are blocked now, as one string. */
  blocked(htmlUrls: readonly string[]): string;
}

export function entryInputs(
  collection: CollectionName,
  content: Partial<AccountContent>,
  policy: VisibilityPolicy,
): EntryInputs {
  const links = linksOf(collection, content, policy);
  const blocked = blockedMediaUrls(content, policy);
  return {
    links: (item) => JSON.stringify(links(item)),
    blocked: (htmlUrls) =>
      htmlUrls.length === 0 ? '[]' : JSON.stringify([...new Set(htmlUrls.filter((url) => blocked.has(url)))].sort()),
  };
}
