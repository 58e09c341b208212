import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/client/paginate.js';
import { StageBlocPaginationError } from '../../src/client/errors.js';
import type { ListPage } from '../../src/client/model.js';

type Item = { id: number };
const items = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

/** A fake list endpoint over `data` that serves at most `cap` items per page. */
function server(data: () => Item[], cap = Infinity) {
  const calls: { offset: number; limit: number }[] = [];
  const fetchPage = async (offset: number, limit: number): Promise<ListPage<Item>> => {
    calls.push({ offset, limit });
    const all = data();
    return { total: all.length, items: all.slice(offset, offset + Math.min(limit, cap)) };
  };
  return { fetchPage, calls };
}

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('paginate (pure)', () => {
  it('walks to total in pageSize steps', async () => {
    const s = server(() => items(25));
    const got = await collect(paginate(s.fetchPage, { pageSize: 10, endpoint: '/audio/list' }));
    expect(got.map((i) => i.id)).toEqual(items(25).map((i) => i.id));
    expect(s.calls).toEqual([
      { offset: 0, limit: 10 },
      { offset: 10, limit: 10 },
      { offset: 20, limit: 10 },
    ]);
  });

  it('advances by the number of items received when the server caps the page', async () => {
    const s = server(() => items(23), 4);
    const got = await collect(paginate(s.fetchPage, { pageSize: 10, endpoint: '/audio/list' }));
    expect(got).toHaveLength(23);
    expect(s.calls.map((c) => c.offset)).toEqual([0, 4, 8, 12, 16, 20]);
  });

  it('stops on an empty page even if total promised more', async () => {
    const fetchPage = async (offset: number): Promise<ListPage<Item>> => ({
      total: 100,
      items: offset === 0 ? items(5) : [],
    });
    expect(await collect(paginate(fetchPage, { pageSize: 5, endpoint: '/x' }))).toHaveLength(5);
  });

  it('makes a single request for an empty list', async () => {
    const s = server(() => []);
    expect(await collect(paginate(s.fetchPage, { pageSize: 5, endpoint: '/x' }))).toEqual([]);
    expect(s.calls).toHaveLength(1);
  });

  it('throws StageBlocPaginationError when total changes mid-walk', async () => {
    let data = items(10);
    const s = server(() => data);
    const gen = paginate(s.fetchPage, { pageSize: 4, endpoint: '/blog/list' });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of gen) {
          seen.push(item.id);
          if (seen.length === 2) data = [{ id: 99 }, ...data];
        }
      })(),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof StageBlocPaginationError && /from 10 to 11/.test(e.message) && e.endpoint === '/blog/list',
    );
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('never yields an id twice (overlapping pages)', async () => {
    // Pages overlap by one item, as when a server rounds offsets.
    const all = items(9);
    const fetchPage = async (offset: number): Promise<ListPage<Item>> => ({
      total: all.length,
      items: all.slice(Math.max(0, offset - 1), offset + 3),
    });
    const got = await collect(paginate(fetchPage, { pageSize: 3, endpoint: '/x' }));
    const ids = got.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fails instead of looping when the server ignores offset', async () => {
    let calls = 0;
    const fetchPage = async (): Promise<ListPage<Item>> => {
      calls++;
      return { total: 10, items: items(3) };
    };
    await expect(collect(paginate(fetchPage, { pageSize: 3, endpoint: '/x' }))).rejects.toBeInstanceOf(
      StageBlocPaginationError,
    );
    expect(calls).toBe(2);
  });

  it('uses a custom key', async () => {
    const data = [
      { id: 1, k: 'a' },
      { id: 2, k: 'a' },
      { id: 3, k: 'b' },
    ];
    const fetchPage = async (offset: number) => ({ total: 3, items: data.slice(offset, offset + 3) });
    const got = await collect(paginate(fetchPage, { pageSize: 3, endpoint: '/x', key: (i) => i.k }));
    expect(got.map((i) => i.id)).toEqual([1, 3]);
  });

  it('rejects a non-positive page size', async () => {
    const s = server(() => items(3));
    await expect(collect(paginate(s.fetchPage, { pageSize: 0, endpoint: '/x' }))).rejects.toBeInstanceOf(RangeError);
  });
});

describe('paginate with lookahead', () => {
  /** A list endpoint whose answers resolve only when the test releases them, to observe what is in flight. */
  function heldServer(data: Item[], cap = Infinity) {
    const pending: Array<{ offset: number; release: () => void }> = [];
    const fetchPage = (offset: number, limit: number) =>
      new Promise<ListPage<Item>>((resolve) => {
        pending.push({
          offset,
          release: () => resolve({ total: data.length, items: data.slice(offset, offset + Math.min(limit, cap)) }),
        });
      });
    return { fetchPage, pending };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('keeps `lookahead` pages in flight and still yields every item once, in order', async () => {
    const s = heldServer(items(100));
    const walk = collect(paginate(s.fetchPage, { pageSize: 10, endpoint: '/blog/list', lookahead: 4 }));
    await settle();
    expect(s.pending.map((p) => p.offset)).toEqual([0]);
    s.pending.shift()!.release();
    await settle();
    // After the first page: the next four are requested at once, before any of them answers.
    expect(s.pending.map((p) => p.offset)).toEqual([10, 20, 30, 40]);
    while (s.pending.length > 0) {
      // Answer out of order: the last requested first.
      s.pending.pop()!.release();
      await settle();
    }
    expect((await walk).map((i) => i.id)).toEqual(items(100).map((i) => i.id));
  });

  it('uses the page size the server really serves and fills the gap a short page leaves', async () => {
    const data = items(30);
    const calls: number[] = [];
    const fetchPage = async (offset: number, limit: number): Promise<ListPage<Item>> => {
      calls.push(offset);
      // Serves 6 per page, except the page at 12, which comes back short (3 items).
      const n = offset === 12 ? 3 : Math.min(limit, 6);
      return { total: data.length, items: data.slice(offset, offset + n) };
    };
    const got = await collect(paginate(fetchPage, { pageSize: 10, endpoint: '/x', lookahead: 3 }));
    expect(got.map((i) => i.id)).toEqual(data.map((i) => i.id));
    expect([...calls].sort((a, b) => a - b)).toEqual([0, 6, 12, 15, 18, 24]);
  });

  it('still detects a total that changes while pages are in flight', async () => {
    let data = items(40);
    const fetchPage = async (offset: number): Promise<ListPage<Item>> => {
      if (offset === 20) data = [{ id: 999 }, ...data]; // an item appears while the walk is under way
      return { total: data.length, items: data.slice(offset, offset + 10) };
    };
    await expect(
      collect(paginate(fetchPage, { pageSize: 10, endpoint: '/blog/list', lookahead: 3 })),
    ).rejects.toSatisfy((e: unknown) => e instanceof StageBlocPaginationError && /from 40 to 41/.test(e.message));
  });

  it('fails instead of looping when the server ignores offset, with bounded requests', async () => {
    let calls = 0;
    const fetchPage = async (): Promise<ListPage<Item>> => {
      calls++;
      return { total: 100, items: items(10) };
    };
    await expect(collect(paginate(fetchPage, { pageSize: 10, endpoint: '/x', lookahead: 4 }))).rejects.toBeInstanceOf(
      StageBlocPaginationError,
    );
    expect(calls).toBe(5);
  });

  it('aborts the signal of the pages requested ahead when the consumer stops early', async () => {
    const signals: AbortSignal[] = [];
    const fetchPage = async (offset: number, limit: number, signal: AbortSignal): Promise<ListPage<Item>> => {
      signals.push(signal);
      return { total: 100, items: items(100).slice(offset, offset + limit) };
    };
    for await (const item of paginate(fetchPage, { pageSize: 10, endpoint: '/x', lookahead: 4 })) {
      if (item.id === 12) break;
    }
    // The first page, then the four ahead requested before the second page was consumed.
    expect(signals).toHaveLength(5);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('aborts the pages requested ahead when the walk fails', async () => {
    let signal: AbortSignal | undefined;
    const fetchPage = async (offset: number, _limit: number, s: AbortSignal): Promise<ListPage<Item>> => {
      signal = s;
      if (offset === 20) throw new Error('boom');
      return { total: 100, items: items(100).slice(offset, offset + 10) };
    };
    await expect(collect(paginate(fetchPage, { pageSize: 10, endpoint: '/x', lookahead: 3 }))).rejects.toThrow('boom');
    expect(signal?.aborted).toBe(true);
  });

  it('rejects a non-positive lookahead', async () => {
    await expect(
      collect(paginate(async () => ({ total: 0, items: [] }), { pageSize: 5, endpoint: '/x', lookahead: 0 })),
    ).rejects.toBeInstanceOf(RangeError);
  });
});
