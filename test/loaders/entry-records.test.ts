/**
 * The records entry reuse keeps in `meta`: written whole by a sync that maps from the whole
 * account, patched row by row by one that maps only the items a change holds, and read the
 * same either way (the next rebuild keeps exactly the entries whose item and inputs match).
 */
import { describe, expect, it } from 'vitest';
import type { EntryInputs } from '../../src/content/entry-inputs.js';
import { planReuse, recordsForChange, reuseScope } from '../../src/loaders/entry-reuse.js';
import type { ValidatedEntry } from '../../src/loaders/validate-entries.js';

const scope = reuseScope('output', '/');
const inputs: EntryInputs = {
  blockedUrls: new Set(),
  links: () => 'null',
  blocked: () => '[]',
};

function site() {
  const meta = new Map<string, string>();
  const store = new Map<string, { digest: string }>();
  return {
    meta: {
      get: (key: string) => meta.get(key),
      set: (key: string, value: string) => void meta.set(key, value),
      has: (key: string) => meta.has(key),
      delete: (key: string) => void meta.delete(key),
    },
    store: { get: (id: string) => store.get(id) },
    entries: store,
    raw: meta,
  };
}

const entry = (id: number, digest: string): ValidatedEntry => ({
  mapped: { id: String(id), data: {}, htmlUrls: [`https://x.example/${id}`] },
  data: {},
  digest,
});

/** Hashes of items by version: an item is `{ id, v }`. */
const hashOf = (item: object) => JSON.stringify(item);

function plan(ctx: ReturnType<typeof site>, items: Array<{ id: number; v: number }>) {
  return planReuse({
    collection: 'blog',
    ctx: ctx as never,
    scope,
    items,
    inputs,
    hashOf,
    builtFrom: { blog: 'f' },
  });
}

describe('entry records', () => {
  it('a patch replaces, adds and drops rows; the next sync keeps exactly the entries they describe', () => {
    const ctx = site();
    const items = [1, 2, 3].map((id) => ({ id, v: 1 }));
    const first = plan(ctx, items);
    const mapped = items.map((item) => entry(item.id, `d${item.id}`));
    for (const e of mapped) ctx.entries.set(e.mapped.id, { digest: e.digest });
    first.record(mapped)();
    const before = ctx.raw.get('astro-stagebloc:entry-records')!;

    // Item 2 changed, item 4 is new, item 3 now gets no entry (hidden).
    const changed = [
      { id: 2, v: 2 },
      { id: 4, v: 1 },
      { id: 3, v: 2 },
    ];
    const records = recordsForChange(ctx as never, scope)!;
    const put = records.patch(changed, [entry(2, 'd2b'), entry(4, 'd4')], inputs, hashOf);
    expect(ctx.raw.get('astro-stagebloc:entry-records')).toBe(before);
    put();
    const rows = ctx.raw.get('astro-stagebloc:entry-records')!.split('\n');
    // Item 1's row is the very line it was.
    expect(rows[1]).toBe(before.split('\n')[1]);
    expect(rows).toHaveLength(4);
    ctx.entries.set('2', { digest: 'd2b' });
    ctx.entries.set('4', { digest: 'd4' });
    ctx.entries.delete('3');

    const next = plan(ctx, [
      { id: 1, v: 1 },
      { id: 2, v: 2 },
      { id: 4, v: 1 },
      { id: 3, v: 2 },
    ]);
    expect([...next.kept].sort()).toEqual(['1', '2', '4']);
    expect(next.remap({ id: 3 })).toBe(true);
  });

  it('records of another scope (other settings, another version of this package) are not patched', () => {
    const ctx = site();
    plan(ctx, [{ id: 1, v: 1 }]).record([entry(1, 'd1')])();
    expect(recordsForChange(ctx as never, reuseScope('other output', '/'))).toBeUndefined();
    expect(recordsForChange(site() as never, scope)).toBeUndefined();
  });
});
