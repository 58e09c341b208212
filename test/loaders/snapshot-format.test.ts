import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LINE_SEPARATOR,
  parseSnapshotLine,
  readSnapshotDir,
  SnapshotFormatError,
  snapshotItemBytes,
  snapshotLinesOf,
  writeSnapshotDir,
} from '../../src/sync/snapshot-format.js';
import { blogEntryItem } from '../helpers/model-items.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagebloc-snap-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const post = blogEntryItem();

describe('snapshot format', () => {
  it('round-trips collections with dates, fingerprints and fetch time, leaving no temp files', async () => {
    const fetchedAt = new Date('2024-06-01T00:00:00Z');
    await writeSnapshotDir(dir, { blog: [post], tracks: [] }, { fetchedAt, fingerprints: { blog: '1|7|x' } });
    const read = await readSnapshotDir(dir);
    expect(read.blog?.items).toEqual([post]);
    expect(read.blog?.fingerprint).toBe('1|7|x');
    expect(read.blog?.fetchedAt).toEqual(fetchedAt);
    expect(read.tracks?.items).toEqual([]);
    expect(read.photos).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual(['blog.json', 'manifest.json', 'tracks.json']);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'astro-stagebloc-snapshot', version: 1, collections: ['tracks', 'blog'] });
  });

  it('writes one item per line, items serialized ahead as given, and the file is the whole JSON document', async () => {
    const fetchedAt = new Date('2024-06-01T00:00:00Z');
    const second = { ...post, id: 8, title: 'Quote " and \\ and \u2028 and a\nnewline' };
    const ahead = new Map<object, Uint8Array>([[post, Buffer.from(JSON.stringify(post))]]);
    await writeSnapshotDir(
      dir,
      { blog: [post, second], tracks: [] },
      { fetchedAt, fingerprints: { blog: 'f' }, itemBytes: (item) => ahead.get(item) },
    );
    const expected = {
      format: 'astro-stagebloc-snapshot',
      version: 1,
      collection: 'blog',
      fetchedAt: fetchedAt.toISOString(),
      fingerprint: 'f',
      layout: 'one item per line',
      items: [post, second],
    };
    const text = await readFile(join(dir, 'blog.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(text.split('\n')).toEqual([
      `${JSON.stringify({ ...expected, items: [] }).slice(0, -2)}`,
      `${JSON.stringify(post)},`,
      JSON.stringify(second),
      ']}',
      '',
    ]);
    const tracks = await readFile(join(dir, 'tracks.json'), 'utf8');
    expect(JSON.parse(tracks)).toEqual({ ...expected, collection: 'tracks', fingerprint: null, items: [] });
  });

  it('keeps the line each item was read from, so writing read items back gives the same bytes', async () => {
    const second = { ...post, id: 8, title: 'é \u2028 "' };
    await writeSnapshotDir(dir, { blog: [post, second] }, { fetchedAt: new Date('2024-06-01T00:00:00Z') });
    const before = await readFile(join(dir, 'blog.json'));
    const read = await readSnapshotDir(dir, ['blog']);
    const items = read.blog!.items;
    expect(items).toEqual([post, second]);
    expect(Buffer.from(snapshotItemBytes(items[1]!)!).toString('utf8')).toBe(JSON.stringify(second));
    await rm(join(dir, 'blog.json'));
    let serialized = 0;
    await writeSnapshotDir(
      dir,
      { blog: items },
      {
        fetchedAt: new Date('2024-06-01T00:00:00Z'),
        itemBytes: (item) => {
          const bytes = snapshotItemBytes(item);
          if (!bytes) serialized++;
          return bytes;
        },
      },
    );
    expect(serialized).toBe(0);
    expect(await readFile(join(dir, 'blog.json'))).toEqual(before);
  });

  it('writes collections of many more items than one write call takes buffers (IOV_MAX) whole', async () => {
    const posts = Array.from({ length: 3000 }, (_, i) => blogEntryItem({ id: i + 1, title: `Post ${i + 1}` }));
    await writeSnapshotDir(dir, { blog: posts });
    const read = await readSnapshotDir(dir, ['blog']);
    expect(read.blog?.items).toEqual(posts);
  });

  it('removes files a stopped build staged and never committed (an hour old), not those of a running build', async () => {
    await writeSnapshotDir(dir, { blog: [post] });
    const abandoned = join(dir, 'blog.json.4242.0badc0de.tmp');
    const running = join(dir, 'photos.json.4243.0123abcd.tmp');
    await writeFile(abandoned, 'half');
    await writeFile(running, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(abandoned, twoHoursAgo, twoHoursAgo);
    await writeSnapshotDir(dir, { tracks: [] });
    const names = await readdir(dir);
    expect(names).not.toContain('blog.json.4242.0badc0de.tmp');
    expect(names).toContain('photos.json.4243.0123abcd.tmp');
  });

  it('reads the same document in any other layout (a file pretty-printed by hand)', async () => {
    await writeSnapshotDir(dir, { blog: [post] }, { fetchedAt: new Date('2024-06-01T00:00:00Z') });
    const document = JSON.parse(await readFile(join(dir, 'blog.json'), 'utf8'));
    await writeFile(join(dir, 'blog.json'), JSON.stringify(document, null, 2));
    const read = await readSnapshotDir(dir, ['blog']);
    expect(read.blog?.items).toEqual([post]);
    expect(snapshotItemBytes(read.blog!.items[0]!)).toBeUndefined();
    await writeFile(join(dir, 'blog.json'), `${JSON.stringify(document).slice(0, -2)}\n`);
    await expect(readSnapshotDir(dir, ['blog'])).rejects.toThrow(/not valid JSON/);
  });

  it('refreshing one collection keeps the others', async () => {
    await writeSnapshotDir(dir, { blog: [post] });
    await writeSnapshotDir(dir, { tracks: [] });
    const read = await readSnapshotDir(dir);
    expect(read.blog?.items).toHaveLength(1);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.collections).toEqual(['tracks', 'blog']);
    // Rewriting a collection it lists leaves the manifest as it is: made when first written.
    const before = await readFile(join(dir, 'manifest.json'), 'utf8');
    await writeSnapshotDir(dir, { blog: [] }, { fetchedAt: new Date('2030-01-01T00:00:00Z') });
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(before);
    expect((await readSnapshotDir(dir)).blog?.items).toEqual([]);
  });

  it('rejects other versions, foreign files and bad dates with a clear error', async () => {
    await writeFile(
      join(dir, 'blog.json'),
      JSON.stringify({ format: 'astro-stagebloc-snapshot', version: 2, collection: 'blog', fetchedAt: 'x', items: [] }),
    );
    await expect(readSnapshotDir(dir, ['blog'])).rejects.toThrow(/version 2/);
    await writeFile(join(dir, 'blog.json'), JSON.stringify({ hello: 1 }));
    await expect(readSnapshotDir(dir, ['blog'])).rejects.toBeInstanceOf(SnapshotFormatError);
    await writeFile(
      join(dir, 'blog.json'),
      JSON.stringify({
        format: 'astro-stagebloc-snapshot',
        version: 1,
        collection: 'blog',
        fetchedAt: '2024-01-01T00:00:00Z',
        items: [{ ...post, created: 'nope' }],
      }),
    );
    await expect(readSnapshotDir(dir, ['blog'])).rejects.toThrow(/invalid created/);
  });
});

describe('a sync’s collection file read as lines (what a change is spliced into)', () => {
  const older = blogEntryItem({ id: 5, modified: new Date('2024-03-01T00:00:00Z') });
  const newer = blogEntryItem({ id: 9, title: 'Line, with "quotes"', modified: new Date('2024-05-01T00:00:00Z') });

  it('gives the ids, the newest modified, each item’s line and runs of lines, without parsing the items', async () => {
    await writeSnapshotDir(dir, { blog: [newer, older] }, { fingerprints: { blog: 'f' }, listOrdered: true });
    const data = await readFile(join(dir, 'blog.json'));
    const lines = snapshotLinesOf(data, 'blog.json', 'blog')!;
    expect(lines.fingerprint).toBe('f');
    expect(lines.ids).toEqual([9, 5]);
    expect(lines.newestModified).toEqual(newer.modified);
    expect(lines.line(1).toString()).toBe(JSON.stringify(older));
    expect(lines.run(0, 1).toString()).toBe(`${JSON.stringify(newer)},\n${JSON.stringify(older)}`);
    expect(parseSnapshotLine(lines.line(0), 'blog.json')).toEqual(newer);
  });

  it('reads no other file as lines: not written in list order, or laid out again by hand', async () => {
    await writeSnapshotDir(dir, { blog: [newer, older] }, { fingerprints: { blog: 'f' } });
    expect(snapshotLinesOf(await readFile(join(dir, 'blog.json')), 'blog.json', 'blog')).toBeNull();
    await writeSnapshotDir(dir, { blog: [newer, older] }, { fingerprints: { blog: 'f' }, listOrdered: true });
    const file = JSON.parse(await readFile(join(dir, 'blog.json'), 'utf8'));
    await writeFile(join(dir, 'blog.json'), JSON.stringify(file, null, 2));
    expect(snapshotLinesOf(await readFile(join(dir, 'blog.json')), 'blog.json', 'blog')).toBeNull();
    // Still a snapshot: read whole as before.
    expect((await readSnapshotDir(dir, ['blog'])).blog?.items).toEqual([newer, older]);
    expect(snapshotLinesOf(await readFile(join(dir, 'blog.json')), 'blog.json', 'tracks')).toBeNull();
  });

  it('spliced lines write the file the items would', async () => {
    const fetchedAt = new Date('2024-06-01T00:00:00Z');
    await writeSnapshotDir(
      dir,
      { blog: [newer, older] },
      { fetchedAt, fingerprints: { blog: 'f' }, listOrdered: true },
    );
    const fromItems = await readFile(join(dir, 'blog.json'));
    const lines = snapshotLinesOf(fromItems, 'blog.json', 'blog')!;
    const body = [lines.line(0), LINE_SEPARATOR, lines.line(1)];
    await writeSnapshotDir(
      dir,
      {},
      {
        fetchedAt,
        fingerprints: { blog: 'f' },
        lines: { blog: { body, count: 2, newestModified: newer.modified } },
      },
    );
    expect(await readFile(join(dir, 'blog.json'))).toEqual(fromItems);
    await writeSnapshotDir(dir, {}, { fetchedAt, lines: { blog: { body: [], count: 0, newestModified: undefined } } });
    expect((await readSnapshotDir(dir, ['blog'])).blog?.items).toEqual([]);
  });
});
