/**
 * Real `astro build`s of test/fixtures/sites/basic against the simulator over HTTP:
 * collections, relations, visibility policy, JSON vs XML, incremental rebuilds, secrets.
 * Builds are shared between tests (beforeAll) and run in order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import {
  astroBuild,
  createFixtureSite,
  listFiles,
  type AstroBuildResult,
  type FixtureSite,
} from '../helpers/astro-build.js';
import { CHECK_LIMIT } from '../../src/sync/sources.js';
import { distText, flag, ids, readDump, syncSummary, wireDateToIso, type Dump } from './build-support.js';

type Sim = Awaited<ReturnType<typeof startSimulator>>;

/** The token the simulator accepts: a literal no other code could produce by accident. */
const CANARY = 'CANARY-TOKEN-7f3e9a1c';
/** Its distinctive tail, to catch partial leaks (a prefix mask, a truncated dump). */
const CANARY_TAIL = '7f3e9a1c';
/** The simulator's clock: the demo tour has shows played and to come around it. */
const NOW = '2026-12-06T12:00:00Z';

let sim: Sim;
let site: FixtureSite;
let xmlSite: FixtureSite;
let first: AstroBuildResult;
let firstDump: Dump;
let xml: AstroBuildResult;
let firstRequests: Array<{ endpoint: string; query: Record<string, string> }>;

const env = (extra: Record<string, string> = {}) => ({
  STAGEBLOC_API_URL: sim.apiUrl,
  STAGEBLOC_ACCESS_TOKEN: CANARY,
  ...extra,
});

const ALL_COLLECTIONS = [
  'tracks',
  'playlists',
  'blog',
  'photos',
  'albums',
  'events',
  'videos',
  'statuses',
  'account',
] as const;

const listRequests = () => sim.requests.filter((r) => r.endpoint.endsWith('/list'));

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accessToken: CANARY, now: NOW });
  [site, xmlSite] = await Promise.all([createFixtureSite('basic'), createFixtureSite('basic')]);
  first = await astroBuild(site, { env: env() });
  expect(first.code, first.output).toBe(0);
  firstDump = await readDump(site.distDir);
  firstRequests = sim.requests.map((r) => ({ endpoint: r.endpoint, query: r.query }));
  xml = await astroBuild(xmlSite, { env: env({ STAGEBLOC_FORMAT: 'xml' }) });
});

afterAll(async () => {
  await sim?.close();
  await Promise.all([site?.cleanup(), xmlSite?.cleanup()]);
});

describe('a full build', () => {
  it('publishes every visible item of every collection, and nothing private or draft', () => {
    const acct = sim.account;
    const visible = <T extends { id: number }>(items: T[], keep: (item: T) => boolean) =>
      items
        .filter(keep)
        .map((i) => String(i.id))
        .sort((a, b) => Number(a) - Number(b));
    expect(ids(firstDump.tracks)).toEqual(visible(acct.tracks, (t) => !flag(t.private)));
    expect(ids(firstDump.playlists)).toEqual(visible(acct.playlists, (p) => !flag(p.private)));
    expect(ids(firstDump.blog)).toEqual(visible(acct.blog, (b) => Number(b.status) === 1 && !flag(b.private)));
    expect(ids(firstDump.photos)).toEqual(visible(acct.photos, (p) => !flag(p.private)));
    expect(ids(firstDump.albums)).toEqual(visible(acct.albums, (a) => !flag(a.private)));
    // The account really has hidden items, so the filter is exercised.
    expect(acct.tracks.some((t) => flag(t.private)) || acct.blog.some((b) => Number(b.status) === 0)).toBe(true);
  });

  it('asks for each page once: the cheap check and the walk run together, nothing twice (34 requests)', () => {
    const keys = firstRequests.map(
      (r) => `${r.endpoint}?${new URLSearchParams(Object.entries(r.query).sort()).toString()}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    // One cheap check per collection (the first five and events read CHECK_LIMIT items, statuses
    // one; the videos' check is their first page and the account list is also the account's
    // walk), the pages of each walk, and one /photos/list?album_id= per album: /photos/list is
    // 1 check + 4 pages + 12 albums.
    expect(firstRequests.filter((r) => r.query.limit === String(CHECK_LIMIT))).toHaveLength(6);
    expect(firstRequests.filter((r) => r.query.limit === '1')).toHaveLength(1);
    const perEndpoint: Record<string, number> = {};
    for (const r of firstRequests) perEndpoint[r.endpoint] = (perEndpoint[r.endpoint] ?? 0) + 1;
    expect(perEndpoint).toEqual({
      '/audio/list': 3,
      '/audio/playlists/list': 2,
      '/blog/list': 3,
      '/photos/list': 17,
      '/photos/albums/list': 2,
      '/events/list': 2,
      '/videos/list': 2,
      '/statuses/list': 2,
      '/accounts/list': 1,
    });
    // Past shows are synced too: the walk asks for both.
    const eventWalk = firstRequests.find(
      (r) => r.endpoint === '/events/list' && r.query.limit !== String(CHECK_LIMIT),
    )!;
    expect(eventWalk.query).toMatchObject({ include_past: '1', include_upcoming: '1' });
    expect(firstRequests).toHaveLength(34);
  });

  it('maps fields: dates, stream URLs, durations, downloads, sizes; exclusive items are locked', () => {
    const byId = new Map(firstDump.tracks.map((t) => [t.id, t]));
    let locked = 0;
    for (const record of sim.account.tracks.filter((t) => !flag(t.private))) {
      const entry = byId.get(String(record.id))!;
      expect(entry.data.title).toBe(record.title);
      expect(entry.data.modified).toBe(wireDateToIso(record.modified));
      expect(entry.data.duration).toBe(record.length === null ? null : Number(record.length));
      if (flag(record.exclusive)) {
        locked++;
        expect(entry.data).toMatchObject({ locked: true, exclusive: true, streamUrl: null });
      } else {
        expect(entry.data.streamUrl).toBe(record.embed_url);
      }
      if (record.download_details) {
        expect(entry.data.download.paid.price).toBe(Number(record.download_details.price));
        expect(['none', 'mp3-128', 'mp3-320', 'source']).toContain(entry.data.download.free.format);
      }
    }
    expect(locked).toBeGreaterThan(0);
    // Remote images carry measured dimensions (no layout shift).
    const photo = firstDump.photos.find((p) => !p.data.locked && p.data.images.small)!;
    expect(photo.data.images.small.width).toBeGreaterThan(0);
    expect(photo.data.images.small.height).toBeGreaterThan(0);
  });

  it('maps the tour: every show not private, played and to come, with venue, price, state and support acts', () => {
    const expected = sim.account.events.filter((e) => !flag(e['private']));
    expect(ids(firstDump.events)).toEqual(expected.map((e) => String(e.id)).sort((a, b) => Number(a) - Number(b)));
    expect(sim.account.events.length).toBeGreaterThan(expected.length);
    const camelAddress = (a: Record<string, unknown> | null) =>
      a && {
        streetAddress: a['street_address'],
        city: a['city'],
        stateProvince: a['state_province'],
        postalCode: a['postal_code'],
        country: a['country'],
      };
    const wallClock = (wire: string | null) => (wire === null ? null : wire.replace(' ', 'T'));
    for (const record of expected) {
      const { data } = firstDump.events.find((e) => e.id === String(record.id))!;
      expect(data).toMatchObject({
        stagebloc: { id: record.id, shortUrl: record.short_url },
        title: record.title,
        startLocal: wallClock(record.start_date),
        endLocal: wallClock(record.end_date),
        modified: wireDateToIso(record.modified),
        price: record.price === null ? null : { amount: record.price, currency: record.currency },
        free: record.price !== null && Number(record.price) === 0,
        soldOut: flag(record['sold_out']),
        buyLink: record.buy_link,
        minimumAge: record.minimum_age,
        collaborators: record.collaborators,
        location: {
          name: record.location!.name,
          website: record.location!.website,
          address: camelAddress(record.location!.address),
        },
      });
    }
    const startsAt = firstDump.events.map((e) => Date.parse(`${e.data.startLocal}Z`));
    expect(startsAt.some((t) => t < Date.parse(NOW)) && startsAt.some((t) => t > Date.parse(NOW))).toBe(true);
    // Posters are measured like every remote image.
    const poster = firstDump.events.find((e) => e.data.images.large)!;
    expect(poster.data.images.large.width).toBeGreaterThan(0);
  });

  it('maps videos: the player through the embed-host allowlist, its https src for click-to-load', () => {
    const expected = sim.account.videos.filter((v) => !flag(v['private']));
    expect(ids(firstDump.videos)).toEqual(expected.map((v) => String(v.id)).sort((a, b) => Number(a) - Number(b)));
    for (const record of expected) {
      const { data } = firstDump.videos.find((v) => v.id === String(record.id))!;
      expect(data.rawUrl).toBe(record.raw_url);
      expect(data.embedUrl).toMatch(/^https:\/\/(www\.youtube\.com\/embed|player\.vimeo\.com\/video)\//);
      // The player's own query stays; an http player (as in the docs' example) is upgraded.
      const src = /src="([^"]+)"/
        .exec(record.embed_code!)![1]!
        .replaceAll('&amp;', '&')
        .replace(/^http:/, 'https:');
      expect(data.embedUrl).toBe(src);
      expect(data.embedHtml).toMatch(/^<iframe [^>]*loading="lazy"[^>]*><\/iframe>$/);
      expect(data.embedHtml).not.toMatch(/frameborder|referrerpolicy/);
    }
    expect(sim.account.videos.some((v) => v.embed_code?.includes('src="http://'))).toBe(true);
  });

  it('maps statuses and the account profile (the one the token is connected to)', () => {
    expect(firstDump.statuses).toHaveLength(sim.account.statuses.length);
    for (const record of sim.account.statuses) {
      const { data } = firstDump.statuses.find((s) => s.id === String(record.id))!;
      expect(data).toEqual({
        stagebloc: { id: record.id, shortUrl: record.short_url },
        text: record.text,
        published: wireDateToIso(record.published),
        author: record.author,
      });
    }
    const profile = sim.account.accounts.find((a) => a.authenticated === true)!;
    expect(firstDump.account).toHaveLength(1);
    expect(firstDump.account[0]!.id).toBe(String(profile.id));
    expect(firstDump.account[0]!.data).toMatchObject({
      name: profile.name,
      description: profile.description,
      slug: profile.stagebloc_url,
    });
    expect(firstDump.account[0]!.data.images.large.url).toBe(profile.images.find((i) => i.size === 'large')!.embed_url);
  });

  it('links playlists to tracks in playlist order and back, photos to albums and back', () => {
    const trackIds = new Set(ids(firstDump.tracks));
    for (const entry of firstDump.playlists) {
      const record = sim.account.playlists.find((p) => String(p.id) === entry.id)!;
      const expected = record.track_ids.map(String).filter((id) => trackIds.has(id));
      expect(entry.data.tracks.map((r: { id: string }) => r.id)).toEqual(expected);
      expect(entry.resolved.tracks).toEqual(expected);
      for (const id of expected) {
        const track = firstDump.tracks.find((t) => t.id === id)!;
        expect(track.resolved.playlists).toContain(entry.id);
      }
    }
    const albumIds = new Set(ids(firstDump.albums));
    for (const entry of firstDump.photos) {
      const record = sim.account.photos.find((p) => String(p.id) === entry.id)!;
      const album = record.album_id !== null && albumIds.has(String(record.album_id)) ? String(record.album_id) : null;
      expect(entry.data.album?.id ?? null).toBe(album);
      if (album) {
        expect(entry.resolved.album).toEqual([album]);
        const albumEntry = firstDump.albums.find((a) => a.id === album)!;
        expect(albumEntry.resolved.photos).toContain(entry.id);
      }
    }
    expect(firstDump.playlists.some((p) => p.data.tracks.length > 1)).toBe(true);
  });

  it('renders sanitized blog bodies; locked posts have no body', async () => {
    const published = firstDump.blog.filter((b) => !b.data.locked);
    expect(published.length).toBeGreaterThan(0);
    const withBody = published.find((b) => (b.html ?? '').length > 20)!;
    expect(withBody.html).toMatch(/<p>/);
    const page = await readFile(join(site.distDir, 'blog', withBody.id, 'index.html'), 'utf8');
    expect(page).toContain(withBody.html!.slice(0, 40));
    for (const post of firstDump.blog.filter((b) => b.data.locked)) expect(post.html ?? '').toBe('');
  });

  it('leaks no private or exclusive media URL into dist/', async () => {
    const text = await distText(site.distDir);
    const acct = sim.account;
    const imageUrls = (images: Array<{ embed_url: string }>) => images.map((i) => i.embed_url);
    const publicUrls = new Set<string>([
      ...acct.tracks.filter((t) => !flag(t.private) && !flag(t.exclusive)).map((t) => t.embed_url ?? ''),
      ...[...acct.playlists, ...acct.photos, ...acct.albums]
        .filter((i) => !flag(i.private) && !flag(i.exclusive))
        .flatMap((i) => imageUrls(i.images)),
    ]);
    const hidden = [
      ...acct.tracks.filter((t) => flag(t.private) || flag(t.exclusive)).flatMap((t) => [t.embed_url, t.raw_url]),
      ...[...acct.playlists, ...acct.photos, ...acct.albums]
        .filter((i) => flag(i.private) || flag(i.exclusive))
        .flatMap((i) => imageUrls(i.images)),
    ].filter((url): url is string => Boolean(url) && !publicUrls.has(url as string));
    expect(hidden.length).toBeGreaterThan(0);
    for (const url of hidden) expect(text.includes(url), url).toBe(false);
    // Posts whose bodies embed such a file were sanitized as they arrived, before the sync knew
    // what the rest of the account hides: the final bodies must still have lost it.
    const embedding = acct.blog.filter(
      (b) =>
        !flag(b.private) &&
        Number(b.status) === 1 &&
        !flag(b.exclusive) &&
        hidden.some((url) => String(b.body).includes(url)),
    );
    expect(embedding.length).toBeGreaterThan(0);
    for (const post of embedding) {
      const entry = firstDump.blog.find((e) => e.id === String(post.id))!;
      expect(
        hidden.some((url) => (entry.html ?? '').includes(url)),
        String(post.id),
      ).toBe(false);
      expect(entry.html ?? '').not.toBe('');
    }
    for (const post of acct.blog.filter((b) => flag(b.private) || Number(b.status) === 0)) {
      expect(text.includes(`"title": ${JSON.stringify(post.title)}`), post.title).toBe(false);
    }
    const privateShowsAndVideos = [...acct.events, ...acct.videos].filter((i) => flag(i['private']));
    expect(privateShowsAndVideos.length).toBeGreaterThanOrEqual(2);
    for (const item of privateShowsAndVideos) {
      expect(text.includes(`"title": ${JSON.stringify(item.title)}`), item.title).toBe(false);
      for (const url of imageUrls(item.images)) expect(text.includes(url), url).toBe(false);
    }
  });

  it('XML gives the same collections as JSON', async () => {
    expect(xml.code, xml.output).toBe(0);
    expect(sim.requests.some((r) => r.format === 'xml')).toBe(true);
    expect(await readDump(xmlSite.distDir)).toEqual(firstDump);
  });

  it('builds offline from a snapshot directory (the loader snapshot shares the CLI format) with the same result', async () => {
    const snapshotRoot = join(site.cacheDir, 'astro-stagebloc', 'snapshot');
    const [snapshotDir] = await readdir(snapshotRoot);
    const offline = await createFixtureSite('basic');
    try {
      // No token and no API URL: only the snapshot.
      const build = await astroBuild(offline, { env: { STAGEBLOC_SNAPSHOT_DIR: join(snapshotRoot, snapshotDir!) } });
      expect(build.code, build.output).toBe(0);
      expect(build.output).toMatch(/from the snapshot directory/);
      expect(await readDump(offline.distDir)).toEqual(firstDump);
    } finally {
      await offline.cleanup();
    }
  });

  it('never writes the token to dist/, the data store, the snapshot or the logs', async () => {
    // The builds authenticated with the canary (the simulator accepts no other token).
    expect(sim.token).toBe(CANARY);
    expect(sim.requests.some((r) => r.status === 200)).toBe(true);
    const dirs = [
      site.distDir,
      site.cacheDir,
      join(site.root, '.astro'),
      xmlSite.distDir,
      xmlSite.cacheDir,
      join(xmlSite.root, '.astro'),
    ];
    let scanned = 0;
    for (const dir of dirs) {
      for (const file of await listFiles(dir)) {
        const bytes = await readFile(join(dir, file));
        expect(bytes.includes(CANARY_TAIL), `${dir}/${file}`).toBe(false);
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThan(20);
    expect((await listFiles(site.cacheDir)).some((f) => f.includes('snapshot') && f.endsWith('tracks.json'))).toBe(
      true,
    );
    expect(first.output.includes(CANARY_TAIL)).toBe(false);
    expect(xml.output.includes(CANARY_TAIL)).toBe(false);
  });
});

describe('incremental rebuilds', () => {
  it('a rebuild with no server change makes one list request per collection and re-sets nothing', async () => {
    sim.clearRequests();
    const build = await astroBuild(site, { env: env() });
    expect(build.code, build.output).toBe(0);
    expect(listRequests().length).toBeLessThanOrEqual(ALL_COLLECTIONS.length);
    expect(new Set(listRequests().map((r) => r.endpoint)).size).toBe(listRequests().length);
    const summary = syncSummary(build.output);
    for (const name of ALL_COLLECTIONS) expect(summary[name], name).toEqual({ unchanged: true });
    expect(await readDump(site.distDir)).toEqual(firstDump);
  });

  it('after editing one track only it changes; after deleting a post it is gone', async () => {
    const track = sim.account.tracks.find((t) => !flag(t.private) && !flag(t.exclusive))!;
    track.title = `${track.title} (remastered)`;
    track.modified = '2099-01-01 00:00:00';
    const post = sim.account.blog.find((b) => Number(b.status) === 1 && !flag(b.private))!;
    sim.account.blog.splice(sim.account.blog.indexOf(post), 1);

    const build = await astroBuild(site, { env: env() });
    expect(build.code, build.output).toBe(0);
    const summary = syncSummary(build.output);
    expect(summary.tracks).toEqual({ updated: 1, removed: 0 });
    expect(summary.playlists).toEqual({ updated: 0, removed: 0 });
    expect(summary.blog).toEqual({ updated: 0, removed: 1 });
    // The account syncs as one unit (every loader maps it again), but nothing else is re-set.
    expect(summary.photos).toEqual({ updated: 0, removed: 0 });
    expect(summary.albums).toEqual({ updated: 0, removed: 0 });

    const dump = await readDump(site.distDir);
    expect(dump.tracks.find((t) => t.id === String(track.id))!.data.title).toBe(track.title);
    expect(dump.blog.some((b) => b.id === String(post.id))).toBe(false);
    expect(dump.tracks.filter((t) => t.id !== String(track.id))).toEqual(
      firstDump.tracks.filter((t) => t.id !== String(track.id)),
    );
  });

  it('a new status re-sets that one entry: the rest of the account is re-fetched, nothing else re-set', async () => {
    const newest = sim.account.statuses.at(-1)!;
    sim.account.statuses.push({
      ...newest,
      id: newest.id + 50,
      text: 'Surprise show tonight!',
      published: '2026-12-06 10:00:00',
    });
    const build = await astroBuild(site, { env: env() });
    expect(build.code, build.output).toBe(0);
    const summary = syncSummary(build.output);
    expect(summary.statuses).toEqual({ updated: 1, removed: 0 });
    for (const name of ALL_COLLECTIONS.filter((n) => n !== 'statuses')) {
      expect(summary[name], name).toEqual({ updated: 0, removed: 0 });
    }
    const dump = await readDump(site.distDir);
    expect(dump.statuses.find((s) => s.id === String(newest.id + 50))!.data.text).toBe('Surprise show tonight!');
  });
});
