/**
 * The records entry reuse keeps in `meta`: written whole by a sync that maps from the whole
 * account, patched row by row by one that maps only the items a change holds, and read the
 * same either way (the next rebuild keeps exactly the entries whose item and inputs match).
 */
import fc from 'fast-check';
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

  it('a patch gives the rows a split, replace and join of every row would give, wherever the changed rows are', () => {
    // Rows in the order they were written; a change replaces, drops or adds any of them.
    const changeOf = fc.record({
      stored: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 30 }),
      changed: fc.uniqueArray(
        fc.record({ id: fc.integer({ min: 1, max: 70 }), kept: fc.boolean(), v: fc.integer({ min: 2, max: 9 }) }),
        { selector: (c) => c.id, maxLength: 12 },
      ),
    });
    fc.assert(
      fc.property(changeOf, ({ stored, changed }) => {
        const ctx = site();
        const items = stored.map((id) => ({ id, v: 1 }));
        plan(ctx, items).record(items.map((item) => entry(item.id, `d${item.id}`)))();
        const before = ctx.raw.get('astro-stagebloc:entry-records')!;
        const changedItems = changed.map(({ id, v }) => ({ id, v }));
        const entries = changed.filter((c) => c.kept).map((c) => entry(c.id, `d${c.id}v${c.v}`));
        recordsForChange(ctx as never, scope)!.patch(changedItems, entries, inputs, hashOf)();

        // The reading of the same patch over every row.
        const [header, ...lines] = before.split('\n');
        const rows = lines.filter((line) => line !== '').map((line) => (line.endsWith(',') ? line.slice(0, -1) : line));
        const rowOfId = new Map(rows.map((row) => [(JSON.parse(row) as string[])[0]!, row]));
        const expected = [...rowOfId];
        for (const c of changed) {
          const row = c.kept
            ? JSON.stringify([
                String(c.id),
                hashOf({ id: c.id, v: c.v }),
                'null',
                '[]',
                `d${c.id}v${c.v}`,
                [`https://x.example/${c.id}`],
              ])
            : undefined;
          const at = expected.findIndex(([id]) => id === String(c.id));
          if (at >= 0) {
            if (row) expected[at] = [String(c.id), row];
            else expected.splice(at, 1);
          } else if (row) {
            expected.push([String(c.id), row]);
          }
        }
        const text = ctx.raw.get('astro-stagebloc:entry-records')!;
        expect(text).toBe(`${header}\n${expected.map(([, row]) => row).join(',\n')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('rows not written as this package writes them are dropped, not patched', () => {
    const ctx = site();
    ctx.meta.set(
      'astro-stagebloc:entry-records',
      `${JSON.stringify({ scope })}\n["1","a","null","[]","d1",[]]\n["2","b","null","[]","d2",[]]`,
    );
    const edited = [{ id: 1, v: 2 }];
    recordsForChange(ctx as never, scope)!.patch(edited, [entry(1, 'd1b')], inputs, hashOf)();
    expect(ctx.raw.has('astro-stagebloc:entry-records')).toBe(false);
  });

  it('records of another scope (other settings, another version of this package) are not patched', () => {
    const ctx = site();
    plan(ctx, [{ id: 1, v: 1 }]).record([entry(1, 'd1')])();
    expect(recordsForChange(ctx as never, reuseScope('other output', '/'))).toBeUndefined();
    expect(recordsForChange(site() as never, scope)).toBeUndefined();
  });
});
