/**
 * The order a full walk lists each collection in: the API's documented default (see
 * sortKey), ties newest id first. A sync puts
 * every collection in this order, whether it walked the list or applied a changed head
 * to the stored copy, so both give the same content: entries take their order from it
 * (a track's playlists, which album a photo is listed under first).
 */
import type { CollectionName } from './account-data.js';

interface Ordered {
  id: number;
  created?: Date;
  published?: Date | null;
  /** Events: the venue's wall clock as ISO text without offset, which sorts as text. */
  startDate?: string;
}

/**
 * The sort key of an item, larger first: `created` (tracks, playlists, photos, albums,
 * videos), `published` (the blog, statuses; a draft without one sorts last, as the API
 * lists it). Events are listed by start, soonest first; the profile has no order.
 */
function sortKey(collection: CollectionName, item: Ordered): number | string {
  switch (collection) {
    case 'blog':
    case 'statuses':
      return item.published ? item.published.getTime() : -Infinity;
    case 'events':
      return item.startDate ?? '';
    case 'account':
      return 0;
    default:
      return item.created?.getTime() ?? -Infinity;
  }
}

const ASCENDING: ReadonlySet<CollectionName> = new Set(['events']);

function compareKeyed(collection: CollectionName, a: Keyed, b: Keyed): number {
  if (a.key === b.key) return b.item.id - a.item.id;
  return (a.key < b.key ? 1 : -1) * (ASCENDING.has(collection) ? -1 : 1);
}

interface Keyed {
  item: Ordered;
  key: number | string;
}

export function inListOrder<T>(collection: CollectionName, items: readonly T[]): T[] {
  const keyed = (items as unknown as Ordered[]).map((item) => ({ item, key: sortKey(collection, item) }));
  keyed.sort((a, b) => compareKeyed(collection, a, b));
  return keyed.map((k) => k.item as unknown as T);
}

/** Negative when `a` comes before `b` in the collection's list order, positive after (never 0 for two ids). */
export function compareInListOrder(collection: CollectionName, a: object, b: object): number {
  const keyedA = { item: a as Ordered, key: sortKey(collection, a as Ordered) };
  return compareKeyed(collection, keyedA, { item: b as Ordered, key: sortKey(collection, b as Ordered) });
}
