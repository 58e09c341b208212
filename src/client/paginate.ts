/**
 * Walks a limit/offset list to its end without trusting the server to honour
 * `limit`: the first page tells how many items the server really returns per
 * page, later offsets advance by that, a short page has its gap filled, the walk
 * stops at `total` (or on an empty page), a `total` that changes mid-walk aborts
 * it (items were added or removed, so offsets no longer line up), and no key is
 * yielded twice.
 *
 * With `lookahead` > 1 the next pages are requested before the current one is
 * consumed. A walk is otherwise a chain of round trips (10,000 posts in pages
 * of 50 are 200 of them back to back); the transport's concurrency limit still
 * bounds what is in flight across all walks.
 */
import type { ListPage } from './model.js';
import { StageBlocPaginationError } from './errors.js';

export interface PaginateOptions<T> {
  pageSize: number;
  /** API path used in error messages, e.g. `/audio/list`. */
  endpoint: string;
  /** Identity for de-duplication; defaults to the item's `id`. */
  key?: (item: T) => string | number;
  /** Pages requested ahead of the one being consumed (1 = strictly one at a time). Default 1. */
  lookahead?: number;
}

/** `signal` is aborted when the walk ends early: pages still waiting to be sent need not be. */
type FetchPage<T> = (offset: number, limit: number, signal: AbortSignal) => Promise<ListPage<T>>;

export async function* paginate<T>(fetchPage: FetchPage<T>, opts: PaginateOptions<T>): AsyncGenerator<T> {
  const stop = new AbortController();
  try {
    yield* walkPages(fetchPage, opts, stop.signal);
  } finally {
    // The consumer stopped (break, error) or the walk failed: drop the pages requested ahead.
    stop.abort();
  }
}

async function* walkPages<T>(
  fetchPage: FetchPage<T>,
  opts: PaginateOptions<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const { pageSize, endpoint } = opts;
  const lookahead = opts.lookahead ?? 1;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer (got ${String(pageSize)})`);
  }
  if (!Number.isSafeInteger(lookahead) || lookahead < 1) {
    throw new RangeError(`lookahead must be a positive integer (got ${String(lookahead)})`);
  }
  const key: (item: T) => string | number | undefined = opts.key ?? defaultKey;
  const seen = new Set<string | number>();

  /** The items of `page` not yielded before; throws when a non-empty page holds nothing new. */
  function freshItems(page: ListPage<T>, offset: number): T[] {
    const fresh: T[] = [];
    for (const item of page.items) {
      const id = key(item);
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      fresh.push(item);
    }
    if (fresh.length === 0 && page.items.length > 0) {
      // Without this, a server that ignores `offset` would be asked for the same page forever.
      throw new StageBlocPaginationError(
        `The page at offset ${offset} on ${endpoint} held only items already seen: the server is not honouring offset`,
        endpoint,
      );
    }
    return fresh;
  }

  const first = await fetchPage(0, pageSize, signal);
  const total = first.total;
  function checkTotal(page: ListPage<T>, offset: number): void {
    if (page.total !== total) {
      throw new StageBlocPaginationError(
        `The total on ${endpoint} changed from ${total} to ${page.total} at offset ${offset}: ` +
          'items were added or removed during the walk, so pages may overlap or skip items; start again',
        endpoint,
      );
    }
  }
  yield* freshItems(first, 0);
  // What the server really serves per page, whatever `limit` asked for.
  const step = first.items.length;
  if (step === 0 || step >= total) return;

  const inFlight: Array<{ offset: number; page: Promise<ListPage<T>> }> = [];
  let nextToRequest = step;
  const requestAhead = () => {
    while (inFlight.length < lookahead && nextToRequest < total) {
      const page = fetchPage(nextToRequest, pageSize, signal);
      // Awaited in order below; this only keeps an early failure from being reported as unhandled.
      page.catch(() => {});
      inFlight.push({ offset: nextToRequest, page });
      nextToRequest += step;
    }
  };

  for (;;) {
    requestAhead();
    const next = inFlight.shift();
    if (!next) return;
    const page = await next.page;
    checkTotal(page, next.offset);
    if (page.items.length === 0) return;
    yield* freshItems(page, next.offset);

    // A short page before the end leaves a gap up to the next planned offset: fill it in order.
    const gapEnd = Math.min(next.offset + step, total);
    let offset = next.offset + page.items.length;
    while (offset < gapEnd) {
      const fill = await fetchPage(offset, pageSize, signal);
      checkTotal(fill, offset);
      if (fill.items.length === 0) return;
      yield* freshItems(fill, offset);
      offset += fill.items.length;
    }
  }
}

/** Items without an id are yielded as they come (nothing to de-duplicate on). */
function defaultKey(item: unknown): string | number | undefined {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}
