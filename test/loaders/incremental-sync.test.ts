/**
 * Issue 19: a rebuild reads what changed. Each case changes the simulator's account the
 * way StageBloc would (src/simulator/mutations.ts), rebuilds a site that keeps its data
 * store and caches, counts the requests the rebuild sent, and expects the store to equal
 * a from-scratch sync of the same account.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../src/sync/account-data.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { formatWireDate } from '../../src/simulator/dates.js';
import { addItem, deleteItem, editItem, setPrivate } from '../../src/simulator/mutations.js';
import {
  expectSameAsFromScratch,
  fullWalks,
  newestModified,
  newSite,
  OPTIONS,
  syncSite,
  useSimulator,
  type SyncOptions,
  type TestSite,
} from './incremental-support.js';

/** The cheap check: one request per collection. */
const CHECK = COLLECTION_NAMES.length;

const bench = useSimulator();
let sim: Simulator;
let site: TestSite;
let clock = 0;
const later = () => (clock += 60_000);

beforeEach(async () => {
  bench.resetAccount();
  sim = bench.sim;
  clock = newestModified(sim.account);
  site = await newSite();
  await syncSite(sim, site, OPTIONS);
});

const published = () => sim.account.blog.filter((b) => b.status === 1);

describe('a rebuild after edits and additions reads the changed heads only', () => {
  it('one new blog post: the check and one head page', async () => {
    addItem(sim.account, 'blog', later());
    const requests = await syncSite(sim, site, OPTIONS);
    expect(requests.length).toBeLessThanOrEqual(CHECK + 2);
    expect(fullWalks(requests)).toEqual([]);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('edits in three collections: at most two requests each past the check', async () => {
    const at = later();
    for (const post of published().slice(3, 7)) editItem(sim.account, 'blog', post.id, at);
    for (const photo of sim.account.photos.slice(5, 8)) editItem(sim.account, 'photos', photo.id, at);
    for (const track of sim.account.tracks.slice(2, 5)) editItem(sim.account, 'tracks', track.id, at);
    const requests = await syncSite(sim, site, OPTIONS);
    expect(requests.length).toBeLessThanOrEqual(CHECK + 3 * 2);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('a new tour date and an edited one: the check and one head page of events', async () => {
    const at = later();
    addItem(sim.account, 'events', at);
    editItem(sim.account, 'events', sim.account.events[3]!.id, at);
    const requests = await syncSite(sim, site, OPTIONS);
    expect(requests.length).toBeLessThanOrEqual(CHECK + 1);
    expect(fullWalks(requests)).toEqual([]);
    expect(requests.filter((r) => r.endpoint === '/events/list' && 'offset' in r.query)).toHaveLength(1);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('more changes than a page holds: the head walk goes on to the page that reaches the last sync', async () => {
    const at = later();
    for (const post of published().slice(0, 25)) editItem(sim.account, 'blog', post.id, at);
    const requests = await syncSite(sim, site, OPTIONS);
    // The check reads no offset; head pages do.
    expect(
      requests.filter((r) => r.endpoint === '/blog/list' && r.query.order_by === 'modified' && 'offset' in r.query),
    ).toHaveLength(3);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });
});

/** Syncs the site, and the collections whose loaders mapped only the changed items (their last log line says so). */
async function syncNoting(target: TestSite = site, options: SyncOptions = OPTIONS) {
  const alone = new Set<string>();
  const requests = await syncSite(sim, target, {
    ...options,
    onLog: (_level, message) => {
      const match = /^(\w+): \d+ entries from StageBloc \(only the changed items mapped\)/.exec(message);
      if (match) alone.add(match[1]!);
    },
  });
  return { requests, alone };
}

describe('a change that reaches no entry but its own items is mapped from those items alone', () => {
  it('edits in three collections: every loader keeps its other entries unread, and store and snapshot equal a sync from scratch', async () => {
    const at = later();
    for (const post of published().slice(3, 7)) editItem(sim.account, 'blog', post.id, at);
    for (const photo of sim.account.photos.slice(5, 8)) editItem(sim.account, 'photos', photo.id, at);
    for (const track of sim.account.tracks.slice(2, 5)) editItem(sim.account, 'tracks', track.id, at);
    const { alone } = await syncNoting();
    expect([...alone].sort()).toEqual([...COLLECTION_NAMES].sort());
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('a new post, and an older post moved to a new place in the list (its publication date changed)', async () => {
    const at = later();
    addItem(sim.account, 'blog', at);
    const moved = published().at(-2)!;
    moved.published = formatWireDate(at - 3_600_000);
    moved.modified = formatWireDate(at);
    const { alone } = await syncNoting();
    expect(alone).toContain('blog');
    // The snapshot (compared in list order) puts both where a full walk lists them.
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('a new tour date, and one with an image no other item uses', async () => {
    const at = later();
    addItem(sim.account, 'events', at);
    const pictured = addItem(sim.account, 'events', at);
    const source = sim.account.events.find((e) => e.images.length > 0)!;
    sim.account.events.find((e) => e.id === pictured)!.images = source.images.map((image) => ({
      ...image,
      embed_url: image.embed_url.replace(/(\.\w+)$/, '-new$1'),
    }));
    const { alone } = await syncNoting();
    expect(alone).toContain('events');
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('self-hosting media: an edit maps the edited items alone, with the media hosts the last sync kept', async () => {
    const hosted = { ...OPTIONS, media: 'self-host' as const };
    const target = await newSite();
    await syncSite(sim, target, hosted);
    const track = sim.account.tracks.find((t) => !t.private)!;
    editItem(sim.account, 'tracks', track.id, later());
    expect((await syncNoting(target, hosted)).alone).toContain('tracks');
    await expectSameAsFromScratch(sim, target, hosted);
  });

  it('a photo made private reaches other entries (its album, posts that embed it): mapped from the whole account', async () => {
    const photo = sim.account.photos.find((p) => !p.private)!;
    setPrivate(sim.account, 'photos', photo.id, true, later());
    const { alone } = await syncNoting();
    expect(alone.size).toBe(0);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('without the inputs the last sync kept, every loader maps from the whole account, and keeps them again', async () => {
    const snapshots = join(site.root, '.cache', 'astro-stagebloc', 'snapshot');
    const [dir] = await readdir(snapshots);
    const kept = (await readdir(join(snapshots, dir!))).filter((name) => name.startsWith('entry-inputs-'));
    expect(kept).toHaveLength(1);
    await rm(join(snapshots, dir!, kept[0]!));
    editItem(sim.account, 'blog', published()[1]!.id, later());
    expect((await syncNoting()).alone.size).toBe(0);
    await expectSameAsFromScratch(sim, site, OPTIONS);
    editItem(sim.account, 'blog', published()[2]!.id, later());
    expect((await syncNoting()).alone).toContain('blog');
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });
});

describe('a changed head is read as soon as its check answers', () => {
  it('the head request goes out while the last checks are still out', async () => {
    // Latency makes the check take two round trips (nine requests, six at a time).
    const slow = await startSimulator({ port: 0, latencyMs: 150 });
    try {
      slow.account = structuredClone(sim.account);
      const target = await newSite();
      await syncSite(slow, target, OPTIONS);
      editItem(slow.account, 'blog', slow.account.blog.find((b) => b.status === 1)!.id, later());
      const requests = await syncSite(slow, target, OPTIONS);
      const head = requests.find((r) => r.endpoint === '/blog/list' && 'offset' in r.query)!;
      const checks = requests.filter((r) => !('offset' in r.query));
      expect(checks).toHaveLength(CHECK);
      expect(head.receivedAt).toBeLessThan(Math.max(...checks.map((r) => r.closedAt ?? Infinity)));
      expect(requests.length).toBeLessThanOrEqual(CHECK + 1);
      await expectSameAsFromScratch(slow, target, OPTIONS);
    } finally {
      await slow.close();
    }
  });
});

describe('what the head cannot explain walks that collection (and what lists its members) in full', () => {
  it('a deleted post re-walks the blog only', async () => {
    deleteItem(sim.account, 'blog', published()[4]!.id);
    const requests = await syncSite(sim, site, OPTIONS);
    expect(fullWalks(requests)).toEqual(['/blog/list']);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('a deleted photo re-walks photos and albums (album counts change without their modified), not the rest', async () => {
    deleteItem(sim.account, 'photos', sim.account.photos[7]!.id);
    const requests = await syncSite(sim, site, OPTIONS);
    expect(fullWalks(requests)).toEqual(['/photos/albums/list', '/photos/list']);
    expect(requests.filter((r) => r.endpoint === '/blog/list')).toHaveLength(1);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });

  it('a wiped data store, or a snapshot that is not what the store was built from, walks in full', async () => {
    addItem(sim.account, 'blog', later());
    site.state = { stores: {}, meta: {} };
    let requests = await syncSite(sim, site, OPTIONS);
    expect(fullWalks(requests)).toContain('/blog/list');
    await expectSameAsFromScratch(sim, site, OPTIONS);

    // The snapshot's blog file says it holds other content than the store's.
    const snapshots = join(site.root, '.cache', 'astro-stagebloc', 'snapshot');
    const [dir] = await readdir(snapshots);
    const file = join(snapshots, dir!, 'blog.json');
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as { fingerprint: string };
    await writeFile(file, JSON.stringify({ ...snapshot, fingerprint: 'older' }));
    addItem(sim.account, 'blog', later());
    requests = await syncSite(sim, site, OPTIONS);
    expect(fullWalks(requests)).toEqual(['/blog/list']);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });
});

describe('STAGEBLOC_FULL_SYNC=1', () => {
  it('picks up a change StageBloc did not show in modified, which a normal rebuild cannot see', async () => {
    const post = published()[2]!;
    post.title = 'Retitled without a new modified date';
    const normal = await syncSite(sim, site, OPTIONS);
    expect(normal).toHaveLength(CHECK);
    expect(site.state.stores.blog!.get(String(post.id))!.data.title).not.toBe(post.title);

    const full = await syncSite(sim, site, { ...OPTIONS, env: { STAGEBLOC_FULL_SYNC: '1' } });
    expect(fullWalks(full)).toEqual([
      '/audio/list',
      '/audio/playlists/list',
      '/blog/list',
      '/events/list',
      '/photos/albums/list',
      '/photos/list',
      '/statuses/list',
      '/videos/list',
    ]);
    expect(site.state.stores.blog!.get(String(post.id))!.data.title).toBe(post.title);
    await expectSameAsFromScratch(sim, site, OPTIONS);
  });
});
