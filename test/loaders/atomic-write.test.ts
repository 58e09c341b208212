/**
 * stageFile's `writeNow`: the staged file is opened and its write handed to the thread pool
 * before the call returns, so the bytes reach it while the event loop stays busy (a build
 * mapping every loader's entries); in order, every part of many, into a directory it makes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageFile } from '../../src/sync/atomic-write.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-atomic-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Parts of 0 to 20 bytes, more of them than one system write takes (IOV_MAX, 1024). */
function partsOf(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => Buffer.from(String(i % 10).repeat(i % 21)));
}

describe('stageFile with writeNow', () => {
  it('writes while the event loop is busy, every part in order, into a directory it makes', async () => {
    const target = join(dir, 'missing', 'blog.json');
    const parts = partsOf(5_000);
    const length = Buffer.concat(parts).length;
    const staging = stageFile(target, parts, { writeNow: true });
    // The event loop is held here (no await) until the staged file has every byte, or 10 s pass.
    const [temp] = readdirSync(join(dir, 'missing'));
    expect(temp).toMatch(/^blog\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    const until = Date.now() + 10_000;
    let size = 0;
    while (size < length && Date.now() < until) size = statSync(join(dir, 'missing', temp!)).size;
    expect(size).toBe(length);
    const staged = await staging;
    await staged.commit();
    expect((await readFile(target)).equals(Buffer.concat(parts))).toBe(true);
    expect(readdirSync(join(dir, 'missing'))).toEqual(['blog.json']);
  });

  it('discards the staged file and leaves the target as it was', async () => {
    const target = join(dir, 'kept.json');
    await (await stageFile(target, 'old')).commit();
    const staged = await stageFile(target, [Buffer.from('new')], { writeNow: true });
    await staged.discard();
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((name) => name.startsWith('kept'))).toEqual(['kept.json']);
  });
});
