/**
 * The changed head of a list: its pages newest-modified first, from offset 0, up to the
 * first page that reaches back past the last sync's watermark. Everything modified since
 * that sync is then in hand, because the API orders by `modified`; whatever the walk saw
 * that does not fit that order is reported instead, and the caller walks the list in full.
 *
 * Pages are read one at a time: a head is usually one page, and pages requested ahead
 * would be requests spent on pages nobody reads. The first page does not depend on the
 * watermark, so it is asked for while the watermark is still being read (the stored copy).
 */
import type { ListPage } from '../client/model.js';

export interface Dated {
  id: number;
  modified: Date;
}

/**
 * `modified` has whole seconds: an item changed in the same second as the watermark,
 * after the last sync read it, carries the watermark's own time. Items this close to it
 * are taken again (re-applying an unchanged item changes nothing).
 */
export const SAME_SECOND_MARGIN_MS = 1000;

export type ReadHeadPage<T> = (offset: number, limit: number) => Promise<ListPage<T>>;

export type HeadWalk<T> =
  | { kind: 'head'; items: T[]; total: number; pages: number }
  /** The head cannot be trusted; `reason` says why, for the log. */
  | { kind: 'full'; reason: string };

/** No watermark to stop at (the stored copy is missing or holds no item): the caller walks in full. */
const NO_WATERMARK = 'no watermark to stop at';

export async function walkHead<T extends Dated>(
  read: ReadHeadPage<T>,
  options: { watermark: Date | Promise<Date | undefined>; pageSize: number },
): Promise<HeadWalk<T>> {
  const first = read(0, options.pageSize);
  // Settled with the watermark: a first page that failed while it was read is not left unhandled.
  const [watermark] = await Promise.allSettled([options.watermark, first]);
  if (watermark.status === 'rejected') throw watermark.reason;
  if (watermark.value === undefined) return { kind: 'full', reason: NO_WATERMARK };
  const cutoff = watermark.value.getTime() - SAME_SECOND_MARGIN_MS;
  const items: T[] = [];
  const seen = new Set<number>();
  let total: number | undefined;
  let newest = Infinity;
  let pages = 0;
  for (let offset = 0; ; ) {
    const page = offset === 0 ? await first : await read(offset, options.pageSize);
    pages++;
    if (total === undefined) total = page.total;
    else if (page.total !== total)
      return { kind: 'full', reason: `the total changed from ${total} to ${page.total} during the walk` };
    let reachedOld = false;
    for (const item of page.items) {
      const time = item.modified.getTime();
      // Out of order (which includes an item older than the watermark among newer ones): the
      // head may not hold every change, so nothing it says can be trusted.
      if (time > newest)
        return {
          kind: 'full',
          reason: `item ${item.id} is newer than the one before it: the list is not in modified order`,
        };
      newest = time;
      if (time < cutoff) reachedOld = true;
      else if (!seen.has(item.id)) {
        seen.add(item.id);
        items.push(item);
      }
    }
    offset += page.items.length;
    if (reachedOld || page.items.length === 0 || offset >= total) return { kind: 'head', items, total, pages };
  }
}
