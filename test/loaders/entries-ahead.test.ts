/**
 * Entries settled while the walk goes on are taken by the final mapping only when they are
 * what the final mapping would give: made from the same item, reading the same links and the
 * same blocked media as the whole account gives them, with every image size known. The
 * account is the simulator's demo account, read over HTTP by the real API source; the walk's
 * order is played by hand, so which collections were walked when is the test's choice.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REFERENCE_TIME, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { setPrivate } from '../../src/simulator/mutations.js';
import {
  COLLECTION_NAMES,
  type AccountContent,
  type CollectionName,
  type GroupContent,
} from '../../src/sync/account-data.js';
import { connectApiSource } from '../../src/sync/sources.js';
import { inListOrder } from '../../src/sync/list-order.js';
import { createIdleQueue } from '../../src/sync/idle-queue.js';
import type { SyncRound, WalkObserver } from '../../src/sync/sync-round.js';
import type { ItemObserver } from '../../src/sync/sources.js';
import { mediaCacheFor } from '../../src/sync/media/media-cache.js';
import { entryInputs } from '../../src/content/entry-inputs.js';
import { MEDIA_COLLECTIONS, publishedImagesOf, type MediaLookup } from '../../src/content/entries.js';
import { mappers } from '../../src/content/mappers.js';
import { remoteImage } from '../../src/content/media/resolve-media.js';
import { preparedRichText } from '../../src/content/rich-text.js';
import { inItemOrder, startEntriesAhead } from '../../src/loaders/entries-ahead.js';
import { resolveSettings, type ResolvedSettings } from '../../src/loaders/settings.js';
import { entryValidator } from '../../src/loaders/validate-entries.js';
import { hashOfItem, mappingOptionsFor, startWorkAhead } from '../../src/loaders/work-ahead.js';
import { planReuse } from '../../src/loaders/entry-reuse.js';
import { runLoaders, type HostState } from '../bench/astro-host.js';

let sim: Simulator;
let root: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  root = await mkdtemp(join(tmpdir(), 'sb-entries-ahead-'));
});
afterAll(async () => {
  await sim?.close();
  await rm(root, { recursive: true, force: true });
});

/** The account as a sync walks it, each collection in list order. */
async function walkAccount(): Promise<AccountContent> {
  const source = connectApiSource(
    { accessToken: sim.token, baseUrl: sim.apiUrl, format: 'json', onLog: () => undefined },
    { drafts: false },
  );
  const content = await source.fetch(COLLECTION_NAMES, { progress: () => undefined });
  const ordered: GroupContent = {};
  for (const c of COLLECTION_NAMES) (ordered as Record<string, unknown>)[c] = inListOrder<unknown>(c, content[c]!);
  return ordered as AccountContent;
}

let sites = 0;
/** Settings of a site whose media cache knows every image size of `content` but those `unmeasured` picks. */
async function siteKnowing(
  content: AccountContent,
  unmeasured: (settings: ResolvedSettings) => ReadonlySet<string> = () => new Set(),
) {
  const siteRoot = join(root, `site-${++sites}`);
  const settings = resolveSettings(
    { accessToken: sim.token, baseUrl: sim.apiUrl },
    { env: {}, root: siteRoot, astroCacheDir: join(siteRoot, '.cache') },
  );
  const skipped = unmeasured(settings);
  const sizes: Record<string, { width: number; height: number }> = {};
  for (const c of COLLECTION_NAMES)
    for (const item of content[c])
      for (const url of publishedImagesOf(item, settings.policy))
        if (!skipped.has(url)) sizes[url] = { width: 8, height: 5 };
  await mkdir(settings.mediaDir, { recursive: true });
  await writeFile(join(settings.mediaDir, 'index.json'), JSON.stringify({ version: 1, sizes, files: {} }));
  const cache = mediaCacheFor(settings.mediaDir);
  await cache.imageSize(Object.keys(sizes)[0]!); // reads the index
  return { settings, cache };
}

function validatorCounting(collection: CollectionName, parsed: string[]) {
  return entryValidator(collection, {
    parseData: async <T>({ id, data }: { id: string; data: T }) => {
      parsed.push(id);
      return data;
    },
    generateDigest: (value: unknown) => JSON.stringify(value),
  } as never);
}

/**
 * Plays a walk: `order` lists the collections in the order their walks end. Returns what the
 * final mapping takes of `collection`'s entries, and the entries it would map from scratch.
 */
async function settle(
  collection: CollectionName,
  content: AccountContent,
  settings: ResolvedSettings,
  cache: ReturnType<typeof mediaCacheFor>,
  order: readonly CollectionName[],
  /** The account the final mapping sees, when it is not the one walked. */
  final: AccountContent = content,
) {
  const idle = createIdleQueue();
  const observers: WalkObserver[] = [];
  const arrivals: ItemObserver[] = [];
  const round = {
    idle,
    observe: (observer: ItemObserver) => arrivals.push(observer),
    observeWalks: (observer: WalkObserver) => observers.push(observer),
    itemBytes: (item: object) => Buffer.from(JSON.stringify(item)),
  } as unknown as SyncRound;
  const richText = preparedRichText({}, idle);
  const parsedAhead: string[] = [];
  const ahead = startEntriesAhead(round, collection, settings, validatorCounting(collection, parsedAhead), richText);
  let walked: GroupContent = {};
  for (const c of order) {
    // Each collection's items arrive, then its walk is done.
    const items: readonly object[] = content[c];
    // By index: a test counts how often the mapping iterates a collection.
    for (let i = 0; i < items.length; i++) for (const observer of arrivals) observer(c, items[i] as never);
    walked = { ...walked, [c]: content[c] };
    for (const observer of observers) observer(walked);
  }
  idle.drain();
  // The validations end, and what they queue (record rows) runs, as the walk's last answers come.
  await new Promise((resolve) => setImmediate(resolve));
  idle.drain();
  const inputs = entryInputs(collection, final, settings.policy);
  const taken = await ahead.take(final[collection], () => true, inputs);

  const media: MediaLookup = {
    image: (url) => remoteImage(url, cache.knownImageSize(url)),
    audio: (url) => ({ url, bytes: null }),
  };
  const fromScratch = mappers[collection](final, { ...mappingOptionsFor(settings, richText), media });
  return { taken, fromScratch, parsedAhead, rows: ahead.rows, round, inputs };
}

/** Walks ending in this order: every collection with media, then statuses and the blog. */
const MEDIA_FIRST: readonly CollectionName[] = [...MEDIA_COLLECTIONS, 'statuses', 'blog'];

describe('entries settled ahead', () => {
  it('are exactly the entries the final mapping gives, for every collection', async () => {
    const content = await walkAccount();
    const { settings, cache } = await siteKnowing(content);
    for (const collection of COLLECTION_NAMES) {
      const { taken, fromScratch, parsedAhead } = await settle(collection, content, settings, cache, MEDIA_FIRST);
      expect(fromScratch.length, collection).toBeGreaterThan(0);
      expect(taken.size, collection).toBe(fromScratch.length);
      for (const entry of fromScratch) {
        const settled = taken.get(Number(entry.id));
        expect(settled?.mapped.data, `${collection} ${entry.id}`).toEqual(entry.data);
        expect(settled?.mapped.rendered).toEqual(entry.rendered);
      }
      expect(new Set(parsedAhead).size, collection).toBe(fromScratch.length);
    }
  });

  it('come with their record rows, written while the walk waited, as the final mapping would write them', async () => {
    const content = await walkAccount();
    const { settings, cache } = await siteKnowing(content);
    for (const collection of COLLECTION_NAMES) {
      const { taken, rows, round, inputs } = await settle(collection, content, settings, cache, MEDIA_FIRST);
      const entries = [...taken.values()];
      expect(
        entries.every((entry) => rows(entry) !== undefined),
        collection,
      ).toBe(true);
      const recordsWith = (ahead?: typeof rows) => {
        const meta = new Map<string, string>();
        const ctx = { meta, store: new Map() } as unknown as Parameters<typeof planReuse>[0]['ctx'];
        const plan = planReuse({
          collection,
          ctx,
          scope: 'scope',
          items: content[collection],
          inputs,
          hashOf: hashOfItem(round),
          builtFrom: undefined,
        });
        plan.record(entries, ahead)();
        return [...meta.values()];
      };
      const written = recordsWith(rows);
      expect(written[0]!.split('\n').length, collection).toBe(entries.length + 1);
      expect(written, collection).toEqual(recordsWith());
    }
  });

  it('are not taken when what they read changed after they were made: blocked media, links', async () => {
    const account = sim.account;
    const largeOf = (p: (typeof account.photos)[number]) => p.images.find((i) => i.size === 'large')?.embed_url;
    // Only this photo may publish the URL (an album cover or a playlist image could publish it too).
    const elsewhere = new Set(
      [...account.albums, ...account.playlists].flatMap((item) => item.images.map((i) => i.embed_url)),
    );
    const photo = account.photos.find((p) => !p.private && !p.exclusive && largeOf(p) && !elsewhere.has(largeOf(p)!))!;
    expect(photo, 'a public photo whose large image nothing else publishes').toBeDefined();
    const url = largeOf(photo)!;
    setPrivate(account, 'photos', photo.id, true, DEMO_REFERENCE_TIME + 3_600_000);
    const track = account.tracks.find((t) => !t.private && !t.exclusive)!;
    track.description = `<p>Cover shoot: <img src="${url}" alt="cover"></p>`;
    const content = await walkAccount();
    const { settings, cache } = await siteKnowing(content);

    // Tracks and playlists are walked before the photos that tell the URL is blocked.
    const tracks = await settle('tracks', content, settings, cache, MEDIA_FIRST);
    expect(tracks.taken.has(track.id)).toBe(false);
    expect(tracks.taken.size).toBe(tracks.fromScratch.length - 1);
    const mapped = tracks.fromScratch.find((e) => e.id === String(track.id))!;
    expect(mapped.data.descriptionHtml).not.toContain(url);

    // Photos wait for the albums that tell each photo's album; walked in full, they are taken.
    const photos = await settle('photos', content, settings, cache, ['photos', 'tracks']);
    expect(photos.parsedAhead).toHaveLength(0);
    const inAlbums = await settle('photos', content, settings, cache, ['albums', 'photos']);
    expect(inAlbums.taken.size).toBe(inAlbums.fromScratch.length);

    // A playlist the final account lists differently: the tracks it adds or drops are mapped again.
    const playlist = content.playlists.find((p) => p.trackIds.length > 1)!;
    const dropped = playlist.trackIds[0]!;
    const final: AccountContent = {
      ...content,
      playlists: content.playlists.map((p) => (p === playlist ? { ...p, trackIds: p.trackIds.slice(1) } : p)),
    };
    const relinked = await settle('tracks', content, settings, cache, MEDIA_FIRST, final);
    expect(relinked.taken.has(dropped)).toBe(false);
    const remapped = relinked.fromScratch.find((e) => e.id === String(dropped))!;
    expect(remapped.data.playlists).not.toContain(String(playlist.id));
  });

  it('read the whole collection and its links once, however many batches the collection takes', async () => {
    const walked = await walkAccount();
    // Enough photos for many batches; the copies belong to no album.
    const many = Array.from({ length: 8 }, (_, copy) =>
      walked.photos.map((photo) => ({ ...photo, id: photo.id + (copy + 1) * 1_000_000 })),
    ).flat();
    const walks = { photos: 0, albums: 0 };
    const counted = <T>(items: T[], name: keyof typeof walks): T[] => {
      const array = [...items];
      const iterate = array[Symbol.iterator].bind(array);
      array[Symbol.iterator] = () => {
        walks[name]++;
        return iterate();
      };
      return array;
    };
    const content = {
      ...walked,
      photos: counted([...walked.photos, ...many], 'photos'),
      albums: counted(walked.albums, 'albums'),
    };
    const { settings, cache } = await siteKnowing(content);
    walks.photos = walks.albums = 0;
    const { taken, fromScratch } = await settle('photos', content, settings, cache, MEDIA_FIRST);
    expect(content.photos.length).toBeGreaterThan(200);
    expect(taken.size).toBe(fromScratch.length);
    // Once each for the links and blocked media of the whole account, and once each for the mapping from scratch.
    expect(walks.photos).toBeLessThanOrEqual(4);
    expect(walks.albums).toBeLessThanOrEqual(4);
  });

  it('join the entries mapped at the end in the order of their items', () => {
    const entry = (id: number) => ({ mapped: { id: String(id), data: {} }, data: {}, digest: `d${id}` });
    const items = [5, 3, 9, 1, 7].map((id) => ({ id }));
    const ahead = new Map([9, 5].map((id) => [id, entry(id)]));
    // Item 7 gets no entry (hidden): neither ahead nor mapped.
    const merged = inItemOrder(items, ahead, [entry(3), entry(1)]);
    expect(merged.map((e) => e.mapped.id)).toEqual(['5', '3', '9', '1']);
  });

  it('are not made for an item with an image size still unknown, nor with self-hosted media', async () => {
    const content = await walkAccount();
    let unmeasuredPhoto = content.photos[0]!;
    const { settings, cache } = await siteKnowing(content, (site) => {
      unmeasuredPhoto = content.photos.find((p) => publishedImagesOf(p, site.policy).length > 0)!;
      return new Set(publishedImagesOf(unmeasuredPhoto, site.policy));
    });
    const photos = await settle('photos', content, settings, cache, MEDIA_FIRST);
    expect(photos.taken.has(unmeasuredPhoto.id)).toBe(false);
    expect(photos.taken.size).toBe(photos.fromScratch.length - 1);

    const selfHost = { ...settings, media: 'self-host' as const };
    const none = await settle('tracks', content, selfHost, cache, MEDIA_FIRST);
    expect(none.taken.size).toBe(0);
    expect(none.parsedAhead).toHaveLength(0);
  });
});

describe('posts built ahead', () => {
  /**
   * Plays a walk for the blog's work ahead (work-ahead.ts, entries-ahead.ts), with no walk of
   * the blog itself: its posts arrive before or after the walks of every collection with
   * media. Returns what the final mapping takes, and how many posts it validated again.
   */
  async function blogAhead(content: AccountContent, settings: ResolvedSettings, mediaFirst: boolean) {
    const idle = createIdleQueue();
    const onItem: ItemObserver[] = [];
    const onWalk: WalkObserver[] = [];
    const round = {
      idle,
      observe: (observer: ItemObserver) => onItem.push(observer),
      observeWalks: (observer: WalkObserver) => onWalk.push(observer),
      onChange: () => undefined,
      itemBytes: (item: object) => Buffer.from(JSON.stringify(item)),
    } as unknown as SyncRound;
    const parsed: string[] = [];
    const validator = validatorCounting('blog', parsed);
    const { richText } = startWorkAhead(round, 'blog', settings, validator, () => undefined);
    const settled = startEntriesAhead(round, 'blog', settings, validator, richText);
    const walkMedia = () => {
      let walked: GroupContent = {};
      for (const c of MEDIA_COLLECTIONS) {
        walked = { ...walked, [c]: content[c] };
        for (const observer of onWalk) observer(walked);
      }
    };
    if (mediaFirst) walkMedia();
    for (const post of content.blog) for (const observer of onItem) observer('blog', post);
    if (!mediaFirst) {
      // The posts are built before the walk of the media collections is over.
      idle.drain();
      walkMedia();
    }
    idle.drain();
    const ahead = parsed.length;
    const taken = await settled.take(content.blog, () => true, entryInputs('blog', content, settings.policy));
    const options = { ...mappingOptionsFor(settings, richText), only: (post: { id: number }) => !taken.has(post.id) };
    const entries = [...taken.values()];
    for (const entry of mappers.blog(content, options)) entries.push(await validator.validate(entry));
    return { ahead, again: parsed.length - ahead, taken, entries };
  }

  it('use the media the account blocks once every collection with media is walked, whenever the posts came', async () => {
    const account = sim.account;
    const photo = account.photos.find((p) => !p.private && !p.exclusive && p.images.length > 0)!;
    const url = photo.images.find((i) => i.size === 'large')!.embed_url;
    const elsewhere = [...account.albums, ...account.playlists].some((a) => a.images.some((i) => i.embed_url === url));
    const post = account.blog.find((b) => b.status === 1 && !b.private && !b.exclusive)!;
    post.body = `${post.body ?? ''}<p><img src="${url}" alt="private"></p>`;
    setPrivate(account, 'photos', photo.id, true, DEMO_REFERENCE_TIME + 7_200_000);
    const content = await walkAccount();
    const { settings } = await siteKnowing(content);
    const fromScratch = mappers.blog(content, mappingOptionsFor(settings, preparedRichText({}, createIdleQueue())));

    for (const mediaFirst of [true, false]) {
      const { ahead, again, taken, entries } = await blogAhead(content, settings, mediaFirst);
      expect(ahead, `media first: ${mediaFirst}`).toBeGreaterThan(0);
      // Every post was settled with the final blocked URLs, before its own walk was over: none is mapped or validated again.
      expect(taken.size, `media first: ${mediaFirst}`).toBe(fromScratch.length);
      expect(again, `media first: ${mediaFirst}`).toBe(0);
      for (const entry of fromScratch) {
        const mine = entries.find((e) => e.mapped.id === entry.id);
        expect(mine?.mapped.rendered, `post ${entry.id}`).toEqual(entry.rendered);
        expect(mine?.mapped.data).toEqual(entry.data);
      }
      const html = (entries.find((e) => e.mapped.id === String(post.id))!.mapped.rendered as { html: string }).html;
      expect(html.includes(url)).toBe(elsewhere);
    }
  });
});

describe('a full sync that settles entries ahead', () => {
  /** The entries of every collection, in store order. */
  const entriesOf = (state: HostState) =>
    Object.fromEntries(
      COLLECTION_NAMES.map((c) => [
        c,
        [...(state.stores[c] ?? new Map()).values()].map(({ id, data, rendered }) => ({ id, data, rendered })),
      ]),
    );

  it('stores what a build from its own snapshot stores, where nothing is walked and nothing settled ahead', async () => {
    const site = async (name: string) => {
      const dir = join(root, name);
      return { dir, cacheDir: join(dir, '.cache'), state: { stores: {}, meta: {} } as HostState };
    };
    const mediaIndex = (cacheDir: string) => join(cacheDir, 'astro-stagebloc', 'media', 'index.json');
    const api = { accessToken: sim.token, baseUrl: sim.apiUrl, format: 'json' as const, pageSize: 10 };

    // A first build measures the image sizes; the next one starts with them known, as entries ahead need.
    const first = await site('e2e-first');
    await runLoaders(first.state, { root: first.dir, cacheDir: first.cacheDir, loaderOptions: api });
    const walked = await site('e2e-walked');
    await mkdir(dirname(mediaIndex(walked.cacheDir)), { recursive: true });
    await copyFile(mediaIndex(first.cacheDir), mediaIndex(walked.cacheDir));
    await runLoaders(walked.state, { root: walked.dir, cacheDir: walked.cacheDir, loaderOptions: api });

    const snapshots = join(walked.cacheDir, 'astro-stagebloc', 'snapshot');
    const [snapshot] = await readdir(snapshots);
    const offline = await site('e2e-offline');
    await mkdir(dirname(mediaIndex(offline.cacheDir)), { recursive: true });
    await copyFile(mediaIndex(first.cacheDir), mediaIndex(offline.cacheDir));
    await runLoaders(offline.state, {
      root: offline.dir,
      cacheDir: offline.cacheDir,
      loaderOptions: { source: { snapshot: join(snapshots, snapshot!) } },
    });

    const fromWalk = entriesOf(walked.state);
    expect(fromWalk.photos!.length).toBeGreaterThan(10);
    expect(fromWalk).toEqual(entriesOf(offline.state));
  });
});
