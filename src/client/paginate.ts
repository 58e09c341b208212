/**
 * Walks a limit/offset list to its end without trusting the server to honour
 * `limit`: the offset advances by the number of items actually received, the
 * walk stops at `total` (or on an empty page), a `total` that changes mid-walk
 * aborts it (items were added or removed, so offsets no longer line up), and no
 * key is yielded twice.
 */
import type { ListPage } from './model.js';
import { StageBlocPaginationError } from './errors.js';

export interface PaginateOptions<T> {
  pageSize: number;
  /** API path used in error messages, e.g. `/audio/list`. */
  endpoint: string;
  /** Identity for de-duplication; defaults to the item's `id`. */
  key?: (item: T) => string | number;
}

export async function* paginate<T>(
  fetchPage: (offset: number, limit: number) => Promise<ListPage<T>>,
  opts: PaginateOptions<T>,
): AsyncGenerator<T> {
  if (!Number.isSafeInteger(opts.pageSize) || opts.pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer (got ${String(opts.pageSize)})`);
  }
  const key: (item: T) => string | number | undefined = opts.key ?? defaultKey;
  const seen = new Set<string | number>();
  let offset = 0;
  let total: number | undefined;

  for (;;) {
    const page = await fetchPage(offset, opts.pageSize);
    if (total === undefined) {
      total = page.total;
    } else if (page.total !== total) {
      throw new StageBlocPaginationError(
        `The total on ${opts.endpoint} changed from ${total} to ${page.total} at offset ${offset}: ` +
          'items were added or removed during the walk, so pages may overlap or skip items; start again',
        opts.endpoint,
      );
    }
    if (page.items.length === 0) return;

    let fresh = 0;
    for (const item of page.items) {
      const id = key(item);
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      fresh++;
      yield item;
    }
    offset += page.items.length;
    if (offset >= total) return;
    if (fresh === 0) {
      // Without this, a server that ignores `offset` would be asked for the same page forever.
      throw new StageBlocPaginationError(
        `The page at offset ${offset - page.items.length} on ${opts.endpoint} held only items already seen: ` +
          'the server is not honouring offset',
        opts.endpoint,
      );
    }
  }
}

/** Items without an id are yielded as they come (nothing to de-duplicate on). */
function defaultKey(item: unknown): string | number | undefined {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}
