/**
 * Cache hints of live entries: tags a cache can purge by (everything from StageBloc, one
 * collection, one entry) and the item's `modified` date as its last modification.
 */
export const CACHE_TAG = 'stagebloc';

export function cacheHintOf(collection: string, id: string, modified: Date) {
  return { tags: [CACHE_TAG, `${CACHE_TAG}:${collection}`, `${CACHE_TAG}:${collection}:${id}`], lastModified: modified };
}

/** A collection's hint: its tags, and the newest `modified` of its entries (none when empty). */
export function collectionCacheHint(collection: string, entries: ReadonlyArray<{ data: { modified: Date } }>) {
  let newest: Date | undefined;
  for (const { data } of entries) if (!newest || data.modified > newest) newest = data.modified;
  return { tags: [CACHE_TAG, `${CACHE_TAG}:${collection}`], ...(newest ? { lastModified: newest } : {}) };
}
