import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlogEntry } from '../../src/client/model.js';
import { readSnapshotDir, SnapshotFormatError, writeSnapshotDir } from '../../src/sync/snapshot-format.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagebloc-snap-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const post: BlogEntry = {
  id: 7,
  title: 'Hi',
  body: '<p>x</p>',
  status: 1,
  shortUrl: null,
  published: new Date('2024-05-01T10:00:00Z'),
  created: new Date('2024-05-01T09:00:00Z'),
  modified: new Date('2024-05-02T09:00:00Z'),
  sticky: false,
  exclusive: false,
  private: false,
  author: null,
};

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

  it('writes items serialized ahead exactly as JSON.stringify of the whole file would', async () => {
    const fetchedAt = new Date('2024-06-01T00:00:00Z');
    const second = { ...post, id: 8, title: 'Quote " and \\ and \u2028' };
    const ahead = new Map<object, string>([[post, JSON.stringify(post)]]);
    await writeSnapshotDir(
      dir,
      { blog: [post, second], tracks: [] },
      { fetchedAt, fingerprints: { blog: 'f' }, itemJson: (item) => ahead.get(item) },
    );
    const expected = {
      format: 'astro-stagebloc-snapshot',
      version: 1,
      collection: 'blog',
      fetchedAt: fetchedAt.toISOString(),
      fingerprint: 'f',
      items: [post, second],
    };
    expect(await readFile(join(dir, 'blog.json'), 'utf8')).toBe(`${JSON.stringify(expected)}\n`);
    expect(await readFile(join(dir, 'tracks.json'), 'utf8')).toBe(
      `${JSON.stringify({ ...expected, collection: 'tracks', fingerprint: null, items: [] })}\n`,
    );
  });

  it('refreshing one collection keeps the others', async () => {
    await writeSnapshotDir(dir, { blog: [post] });
    await writeSnapshotDir(dir, { tracks: [] });
    const read = await readSnapshotDir(dir);
    expect(read.blog?.items).toHaveLength(1);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.collections).toEqual(['tracks', 'blog']);
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
