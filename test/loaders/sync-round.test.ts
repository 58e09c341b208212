/**
 * The round's last-good snapshot: written beside the old one while the loaders map, made
 * the snapshot only when every participant is ready, discarded when one fails.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type GroupContent } from '../../src/sync/account-data.js';
import { writeSnapshotDir } from '../../src/sync/snapshot-format.js';
import type { ContentSource } from '../../src/sync/sources.js';
import { joinRound } from '../../src/sync/sync-round.js';
import { blogEntryItem } from '../helpers/model-items.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagebloc-round-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const post = (id: number, title: string) => blogEntryItem({ id, title });

function sourceOf(content: GroupContent): ContentSource {
  return {
    check: async (collections) => ({
      fingerprints: Object.fromEntries(collections.map((c) => [c, `f-${c}`])),
      totals: {},
    }),
    fetch: async () => content,
  };
}

const silent = { info: () => undefined, warn: () => undefined };
let keys = 0;

function openRound(content: GroupContent) {
  const key = `round-test-${++keys}`;
  const settings = {
    group: 'account' as const,
    source: sourceOf(content),
    onError: 'fail' as const,
    snapshotDir: dir,
    logger: silent,
  };
  return COLLECTION_NAMES.map((collection) => ({ collection, round: joinRound(key, collection, settings) }));
}

const blogFile = () => readFile(join(dir, 'blog.json'), 'utf8');
const tempFiles = async () => (await readdir(dir)).filter((f) => f.endsWith('.tmp'));

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('a sync round and its snapshot', () => {
  it('writes the new snapshot while participants still map, and makes it current only when all are ready', async () => {
    await writeSnapshotDir(dir, { blog: [post(1, 'old')] });
    const old = await blogFile();
    const participants = openRound({ blog: [post(1, 'new')] });
    const round = participants[0]!.round;
    expect(participants.every((p) => p.round === round)).toBe(true);
    await round.content();
    // Nobody is ready yet: the new files are written beside the old ones, not over them.
    await until(async () => (await tempFiles()).length > 0);
    expect((await tempFiles()).length).toBeGreaterThan(0);
    expect(await blogFile()).toBe(old);
    await Promise.all(participants.map((p) => p.round.ready(p.collection)));
    expect(JSON.parse(await blogFile()).items[0].title).toBe('new');
    expect(await tempFiles()).toEqual([]);
  });

  it('discards the new snapshot when a participant fails, leaving the old one and no temp file', async () => {
    await writeSnapshotDir(dir, { blog: [post(1, 'old')] });
    const old = await blogFile();
    const participants = openRound({ blog: [post(1, 'new')] });
    const round = participants[0]!.round;
    await round.content();
    await until(async () => (await tempFiles()).length > 0);
    const [failing, ...others] = participants;
    const waits = others.map((p) => p.round.ready(p.collection));
    round.fail(failing!.collection, new Error('schema'));
    for (const wait of waits) await expect(wait).rejects.toThrow('schema');
    expect(await blogFile()).toBe(old);
    expect(await tempFiles()).toEqual([]);
  });
});
