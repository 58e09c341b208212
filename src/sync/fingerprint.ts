/** The cheap check's answer for a collection that can be read newest-modified first. */
import { hash } from 'node:crypto';
import type { ListPage } from '../client/model.js';

/**
 * Fingerprint from the total and the items of the newest `modified` second, content
 * included: changes when items are added, removed or edited. `modified` has whole seconds,
 * so an item edited in the same second as the last sync's newest one, just after that sync,
 * shows only as one more item of that second (the check reads a few items, not one), or,
 * when it was one of them already, only in its content.
 */
export function fingerprintOf(page: ListPage<{ id: number; modified: Date }>): string {
  const newest = page.items[0];
  if (!newest) return `${page.total}|-`;
  const second = page.items
    .filter((item) => item.modified.getTime() === newest.modified.getTime())
    .sort((a, b) => a.id - b.id);
  return `${page.total}|${second.map((item) => item.id).join(',')}|${newest.modified.toISOString()}|${digestOf(JSON.stringify(second))}`;
}

/**
 * A short content hash (sha256, 22 base64url characters): of what a check read, or of an
 * item's JSON. One-shot `hash`: a sync hashes tens of thousands of small items.
 */
export const digestOf = (data: string | Uint8Array) => hash('sha256', data, 'base64url').slice(0, 22);

/** Items the cheap check reads: more of the newest second than ever share one in practice. */
export const CHECK_LIMIT = 10;
