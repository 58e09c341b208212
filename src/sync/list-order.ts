/**
 * The order a full walk lists each collection in: the API's documented default
 * (`created`, newest first; the blog by `published`), ties newest id first. A sync puts
 * every collection in this order, whether it walked the list or applied a changed head
 * to the stored copy, so both give the same content: entries take their order from it
 * (a track's playlists, which album a photo is listed under first).
 */
import type { CollectionName } from './account-data.js';

interface Ordered {
  id: number;
  created: Date;
  published?: Date | null;
}

/** Milliseconds of the sort date; a post without one (a draft) sorts last, as the API lists it. */
function sortTime(collection: CollectionName, item: Ordered): number {
  if (collection !== 'blog') return item.created.getTime();
  return item.published ? item.published.getTime() : -Infinity;
}

export function inListOrder<T>(collection: CollectionName, items: readonly T[]): T[] {
  const keyed = (items as unknown as Ordered[]).map((item) => ({ item, time: sortTime(collection, item) }));
  keyed.sort((a, b) => (a.time === b.time ? b.item.id - a.item.id : b.time - a.time));
  return keyed.map((k) => k.item as unknown as T);
}
