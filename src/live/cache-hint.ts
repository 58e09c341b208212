/**
 * Cache hints of live entries: tags a cache can purge by (everything from StageBloc, one
 * collection, one entry) and the item's `modified` date as its last modification.
 */
export const CACHE_TAG = 'stagebloc';

/** What an entry says of its last change: `modified`, or a status's `published` (statuses cannot be edited); the profile has none. */
export interface Dated {
  modified?: Date;
  published?: Date | null;
}

const lastChangeOf = (data: object): Date | undefined =>
  (data as Dated).modified ?? (data as Dated).published ?? undefined;

export function cacheHintOf(collection: string, id: string, data: object) {
  const lastModified = lastChangeOf(data);
  return {
    tags: [CACHE_TAG, `${CACHE_TAG}:${collection}`, `${CACHE_TAG}:${collection}:${id}`],
    ...(lastModified ? { lastModified } : {}),
  };
}

/** A collection's hint: its tags, and the newest last change of its entries (none when empty or undated). */
export function collectionCacheHint(collection: string, entries: ReadonlyArray<{ data: object }>) {
  let newest: Date | undefined;
  for (const { data } of entries) {
    const changed = lastChangeOf(data);
    if (changed && (!newest || changed > newest)) newest = changed;
  }
  return { tags: [CACHE_TAG, `${CACHE_TAG}:${collection}`], ...(newest ? { lastModified: newest } : {}) };
}
