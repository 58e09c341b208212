/** The cheap check's answer for a collection that can be read newest-modified first. */
import type { ListPage } from '../client/model.js';

/**
 * Fingerprint from the total and the items of the newest `modified` second: changes when
 * items are added, removed or edited. `modified` has whole seconds, so an item edited in
 * the same second as the last sync's newest one, just after that sync, can only show as
 * one more item of that second: the check reads a few items, not one.
 */
export function fingerprintOf(page: ListPage<{ id: number; modified: Date }>): string {
  const newest = page.items[0];
  if (!newest) return `${page.total}|-`;
  const second = page.items.filter((item) => item.modified.getTime() === newest.modified.getTime());
  return `${page.total}|${second
    .map((item) => item.id)
    .sort((a, b) => a - b)
    .join(',')}|${newest.modified.toISOString()}`;
}

/** Items the cheap check reads: more of the newest second than ever share one in practice. */
export const CHECK_LIMIT = 10;
